from rest_framework import serializers

from zicht.accounts.models import Neighbourhood, PartnerOrganisation, Role, Team, User


class TeamSerializer(serializers.ModelSerializer[Team]):
    neighbourhoods: "serializers.SlugRelatedField[Neighbourhood]" = serializers.SlugRelatedField(
        many=True, read_only=True, slug_field="name"
    )

    class Meta:
        model = Team
        fields = ["name", "slug", "neighbourhoods"]


class MeSerializer(serializers.ModelSerializer[User]):
    role = serializers.ChoiceField(choices=Role.choices, read_only=True)
    teams = TeamSerializer(many=True, read_only=True)
    partner_organisation: "serializers.SlugRelatedField[PartnerOrganisation]" = (
        serializers.SlugRelatedField(read_only=True, slug_field="name")
    )

    class Meta:
        model = User
        fields = ["username", "role", "teams", "partner_organisation"]
