"""The staff side: applications folded from messages, the digest, its schedule, reminders.

applications.py   the pure fold: one applicant's messages -> the application's state
queries.py        the one module that reads the ledger for what staff see (snapshot)
digest.py         the pure renderer: snapshot + now -> the digest email
schedule.py       which digest period is due, and queueing it once into the outbox
"""
