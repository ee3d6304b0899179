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
