"""Background tasks (Django's Tasks API via the django-tasks backport; worker: ``db_worker``).

Tasks take primary keys, never objects, and are queued after commit.
"""

from django_tasks import task

from netwerk import emails


@task()
def deliver_mail(mail_id):
    """Deliver one queued mail; a failure schedules the next attempt itself."""
    return emails.deliver(mail_id)
