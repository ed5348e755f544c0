"""The referral desk ("aanmeldingen"): CLB referrals, consults, dispatches, follow-up, figures.

Modules:

- ``models``     the case (``Referral``), its dispatch attempts, timeline, view log, lists;
- ``flow``       every change of a case goes through here (status, events, mails);
- ``public``     the public forms and the referrer's status page (``/aanmelden/``);
- ``answer``     the provider's answer page behind a signed link (no account);
- ``admin``      the back office: worklists, one case one timeline, access log;
- ``report``     the yearly figures; ``retention`` the purge of pupil data.
"""
