"""The workspace's tenant rules, enforced by the homeserver itself (ADR 0028).

All tenants share one homeserver. Who is in which room is the workspace's
decision: the backend's commands check tenants and roles, and its application
service carries the result out (it creates rooms, invites, joins people through
the admin API). This module makes sure nobody goes around that with a Matrix
client and their own access token:

- only the service users (the application service's sender, in test stacks also
  the test harness's) create rooms, so nobody makes a room or a direct chat of
  their own;
- only they invite, by Matrix ID or by e-mail (3pid), so nobody invites a person
  of another tenant;
- a person joins a room only when invited (and only the service invites);
- only they create room aliases and publish rooms to the room directory.

Server admins are not asked by Synapse for invites, joins and room creation;
the service's bot is one (it uses the admin join API), which is why it is also
listed here explicitly: the rule holds whether or not it is an admin.

The module knows no tenants. It does not need to: every membership it allows
comes from the workspace, which already enforces them, and the user directory
(`user_directory.search_all_users: false`) shows only people who share a room.

Configuration (homeserver.yaml):

    modules:
      - module: workspace_rules.WorkspaceRules
        config:
          service_users: ["@workspace-bot:example.org"]
"""

from __future__ import annotations

import logging
from typing import Any, Literal

from synapse.module_api import ModuleApi
from synapse.module_api.errors import Codes, ConfigError

logger = logging.getLogger(__name__)

NOT_SPAM: Literal["NOT_SPAM"] = "NOT_SPAM"


class WorkspaceRules:
    """Spam-checker callbacks: the workspace's service decides rooms and memberships."""

    def __init__(self, config: frozenset[str], api: ModuleApi) -> None:
        self._service_users = config
        self._api = api
        api.register_spam_checker_callbacks(
            user_may_create_room=self.user_may_create_room,
            user_may_invite=self.user_may_invite,
            user_may_send_3pid_invite=self.user_may_send_3pid_invite,
            user_may_join_room=self.user_may_join_room,
            user_may_create_room_alias=self.user_may_create_room_alias,
            user_may_publish_room=self.user_may_publish_room,
        )

    @staticmethod
    def parse_config(config: dict[str, Any] | None) -> frozenset[str]:
        users = (config or {}).get("service_users")
        if (
            not isinstance(users, list)
            or not users
            or not all(isinstance(u, str) and u.startswith("@") and ":" in u for u in users)
        ):
            raise ConfigError(
                "workspace_rules: `service_users` must list the full Matrix IDs of the "
                "application service's users (at least the workspace's bot)"
            )
        return frozenset(users)

    def _is_service(self, user_id: str) -> bool:
        return user_id in self._service_users

    def _service_only(self, user_id: str, what: str) -> tuple[Codes, dict[str, Any]] | Literal["NOT_SPAM"]:
        """Allowed for the service users; refused (403 M_FORBIDDEN) for everyone else."""
        if self._is_service(user_id):
            return NOT_SPAM
        logger.info("workspace_rules: refused %s by %s", what, user_id)
        return Codes.FORBIDDEN, {}

    async def user_may_create_room(
        self, user_id: str, room_config: dict[str, Any]
    ) -> tuple[Codes, dict[str, Any]] | Literal["NOT_SPAM"]:
        # Rooms and direct chats are made by the workspace alone.
        return self._service_only(user_id, "room creation")

    async def user_may_invite(
        self, inviter: str, invitee: str, room_id: str
    ) -> tuple[Codes, dict[str, Any]] | Literal["NOT_SPAM"]:
        # The workspace invites after its own checks of tenant and role; nobody else invites.
        return self._service_only(inviter, f"an invite of {invitee} into {room_id}")

    async def user_may_send_3pid_invite(
        self, inviter: str, medium: str, address: str, room_id: str
    ) -> tuple[Codes, dict[str, Any]] | Literal["NOT_SPAM"]:
        return self._service_only(inviter, f"a {medium} invite into {room_id}")

    async def user_may_join_room(
        self, user_id: str, room_id: str, is_invited: bool
    ) -> tuple[Codes, dict[str, Any]] | Literal["NOT_SPAM"]:
        # Only the service invites, so an invite is the workspace's decision. The backend joins
        # people through the admin API, which invites them first.
        if is_invited:
            return NOT_SPAM
        return self._service_only(user_id, f"joining {room_id} without an invite")

    async def user_may_create_room_alias(
        self, user_id: str, room_alias: Any
    ) -> tuple[Codes, dict[str, Any]] | Literal["NOT_SPAM"]:
        return self._service_only(user_id, f"the alias {room_alias}")

    async def user_may_publish_room(
        self, user_id: str, room_id: str
    ) -> tuple[Codes, dict[str, Any]] | Literal["NOT_SPAM"]:
        return self._service_only(user_id, f"publishing {room_id}")
