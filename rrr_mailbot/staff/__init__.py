"""The staff side: applications folded from messages, the digest, its schedule, reminders.

applications.py   the pure fold: one applicant's messages -> the application's state
formtext.py       the city and country a form names (a hint for staff)
queries.py        the one module that reads the ledger for what staff see (a Snapshot)
digest.py         the pure renderer: snapshot + now -> the digest email (chart, CSV)
schedule.py       which digest period is due; queueing it once into the outbox
reminders.py      who is reminded before the deadline; queueing each reminder once
templates.py      the jinja2 environment both renderers use
"""
