"""The staff web view (``rrr-mailbot web``): a thin Starlette face over the staff queries
(rrr_mailbot.staff.queries) and the staff actions (rrr_mailbot.staff.actions), behind a login."""
