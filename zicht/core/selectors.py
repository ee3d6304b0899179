from django.db.models import QuerySet

from zicht.accounts.models import PartnerOrganisation, Team, User


def home_teams(*, user: User) -> QuerySet[Team]:
    return user.teams.prefetch_related("neighbourhoods")


def admin_overview() -> dict[str, int]:
    """Counts for the beheerder's home page: configuration only, no case content."""
    return {
        "users": User.objects.filter(is_active=True).count(),
        "teams": Team.objects.count(),
        "partners": PartnerOrganisation.objects.count(),
    }


def worker_today(*, user: User) -> dict[str, object]:
    """What 'Vandaag' shows a youth worker or lead: acute items, open conversations,
    suggestions to review and signals due, all within the user's teams."""
    from datetime import timedelta

    from django.utils import timezone

    from zicht.inbox.selectors import conversation_list_for_user
    from zicht.triage.selectors import (
        acute_items_for_user,
        signal_list_for_user,
        suggestion_queue_for_user,
    )

    soon = timezone.now() + timedelta(hours=24)
    return {
        "acute_items": acute_items_for_user(user=user)[:5],
        "my_conversations": list(conversation_list_for_user(user=user, box="mine")[:5]),
        "suggestion_count": suggestion_queue_for_user(user=user).count(),
        "signals_due": list(
            signal_list_for_user(user=user).filter(deadline__lte=soon).order_by("deadline")[:5]
        ),
    }
