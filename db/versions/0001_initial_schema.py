"""initial schema

Revision ID: 0001
Revises:
Create Date: 2026-11-25 14:31:01.948989
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel.sql.sqltypes
from alembic import op


revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "administrative_unit",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column("name", sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False),
        sa.Column("name_key", sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False),
        sa.Column(
            "level",
            sa.Enum("province", "district", "commune", name="unitlevel", native_enum=False, length=32),
            nullable=False,
        ),
        sa.Column("division_type", sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
        sa.Column("parent_id", sa.Integer(), nullable=True),
        sa.Column("legacy", sa.Boolean(), nullable=False),
        sa.Column("valid_from", sa.Date(), nullable=True),
        sa.Column("valid_to", sa.Date(), nullable=True),
        sa.ForeignKeyConstraint(
            ["parent_id"],
            ["administrative_unit.id"],
            name=op.f("fk_administrative_unit_parent_id_administrative_unit"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_administrative_unit")),
        sa.UniqueConstraint("code", "level", "legacy", name=op.f("uq_administrative_unit_code_level_legacy")),
    )
    with op.batch_alter_table("administrative_unit", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_administrative_unit_code"), ["code"], unique=False)
        batch_op.create_index(batch_op.f("ix_administrative_unit_name_key"), ["name_key"], unique=False)
        batch_op.create_index(batch_op.f("ix_administrative_unit_parent_id"), ["parent_id"], unique=False)

    op.create_table(
        "app_setting",
        sa.Column("key", sqlmodel.sql.sqltypes.AutoString(length=80), nullable=False),
        sa.Column("value", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_app_setting")),
    )
    op.create_table(
        "audit_event",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("username", sqlmodel.sql.sqltypes.AutoString(length=60), nullable=False),
        sa.Column("action", sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
        sa.Column("table_name", sqlmodel.sql.sqltypes.AutoString(length=60), nullable=False),
        sa.Column("record_uuid", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=True),
        sa.Column("before_json", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("after_json", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("detail", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_event")),
    )
    with op.batch_alter_table("audit_event", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_audit_event_at"), ["at"], unique=False)
        batch_op.create_index("ix_audit_event_record", ["table_name", "record_uuid"], unique=False)

    op.create_table(
        "market",
        sa.Column("code", sqlmodel.sql.sqltypes.AutoString(length=8), nullable=False),
        sa.Column("name_vi", sqlmodel.sql.sqltypes.AutoString(length=80), nullable=False),
        sa.Column("name_en", sqlmodel.sql.sqltypes.AutoString(length=80), nullable=False),
        sa.Column(
            "region",
            sa.Enum(
                "japan",
                "taiwan",
                "korea",
                "west_asia_africa",
                "europe_oceania",
                "americas",
                "china_sea",
                "seafarers",
                name="marketregion",
                native_enum=False,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("deposit_cap", sa.Integer(), nullable=True),
        sa.Column("sort_order", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("code", name=op.f("pk_market")),
    )
    op.create_table(
        "placement_company",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
        sa.Column("unit_code", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=True),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("updated_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("deleted_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.Column("name", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("name_key", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("licence_number", sqlmodel.sql.sqltypes.AutoString(length=60), nullable=False),
        sa.Column("address", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("phone", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_placement_company")),
        sa.UniqueConstraint("uuid", name=op.f("uq_placement_company_uuid")),
    )
    with op.batch_alter_table("placement_company", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_placement_company_name_key"), ["name_key"], unique=False)
        batch_op.create_index(batch_op.f("ix_placement_company_unit_code"), ["unit_code"], unique=False)

    op.create_table(
        "outreach_session",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
        sa.Column("unit_code", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=True),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("updated_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("deleted_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.Column("held_on", sa.Date(), nullable=False),
        sa.Column("place", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("organiser", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("topic", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("commune_id", sa.Integer(), nullable=True),
        sa.Column("attendance_count", sa.Integer(), nullable=False),
        sa.Column("notes", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.ForeignKeyConstraint(
            ["commune_id"],
            ["administrative_unit.id"],
            name=op.f("fk_outreach_session_commune_id_administrative_unit"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_outreach_session")),
        sa.UniqueConstraint("uuid", name=op.f("uq_outreach_session_uuid")),
    )
    with op.batch_alter_table("outreach_session", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_outreach_session_commune_id"), ["commune_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_outreach_session_held_on"), ["held_on"], unique=False)
        batch_op.create_index(batch_op.f("ix_outreach_session_unit_code"), ["unit_code"], unique=False)

    op.create_table(
        "person",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
        sa.Column("unit_code", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=True),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("updated_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("deleted_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.Column("full_name", sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False),
        sa.Column("name_key", sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False),
        sa.Column("sort_key", sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False),
        sa.Column("gender", sa.Enum("male", "female", name="gender", native_enum=False, length=32), nullable=True),
        sa.Column("date_of_birth", sa.Date(), nullable=True),
        sa.Column(
            "birth_precision",
            sa.Enum("day", "year", name="dateprecision", native_enum=False, length=32),
            nullable=False,
        ),
        sa.Column("id_number", sqlmodel.sql.sqltypes.AutoString(length=12), nullable=True),
        sa.Column("id_kind", sa.Enum("cccd", "cmnd", name="idkind", native_enum=False, length=32), nullable=True),
        sa.Column("id_issued_on", sa.Date(), nullable=True),
        sa.Column("passport_number", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=True),
        sa.Column("phone", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=True),
        sa.Column("hamlet", sqlmodel.sql.sqltypes.AutoString(length=80), nullable=False),
        sa.Column("commune_id", sa.Integer(), nullable=True),
        sa.Column("address", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("ethnicity", sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
        sa.Column(
            "education",
            sa.Enum(
                "none",
                "primary",
                "lower_secondary",
                "upper_secondary",
                "vocational",
                "college",
                "university",
                "postgraduate",
                name="educationlevel",
                native_enum=False,
                length=32,
            ),
            nullable=True,
        ),
        sa.Column("trade_skill", sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False),
        sa.Column("foreign_language", sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False),
        sa.Column(
            "outreach_group",
            sa.Enum(
                "demobilised",
                "school_leaver",
                "unemployed_graduate",
                "skilled",
                "other",
                name="outreachgroup",
                native_enum=False,
                length=32,
            ),
            nullable=True,
        ),
        sa.Column("worker_code", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=True),
        sa.Column(
            "status",
            sa.Enum(
                "candidate",
                "registered",
                "training",
                "departed",
                "working_abroad",
                "returned",
                "absconded",
                "died",
                "missing",
                "withdrawn",
                name="personstatus",
                native_enum=False,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("status_since", sa.Date(), nullable=True),
        sa.Column("consent_on", sa.Date(), nullable=True),
        sa.Column("notes", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.ForeignKeyConstraint(
            ["commune_id"],
            ["administrative_unit.id"],
            name=op.f("fk_person_commune_id_administrative_unit"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_person")),
        sa.UniqueConstraint("id_number", name=op.f("uq_person_id_number")),
        sa.UniqueConstraint("uuid", name=op.f("uq_person_uuid")),
    )
    with op.batch_alter_table("person", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_person_commune_id"), ["commune_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_person_hamlet"), ["hamlet"], unique=False)
        batch_op.create_index(batch_op.f("ix_person_name_key"), ["name_key"], unique=False)
        batch_op.create_index(batch_op.f("ix_person_phone"), ["phone"], unique=False)
        batch_op.create_index("ix_person_sort_key", ["sort_key"], unique=False)
        batch_op.create_index("ix_person_status_commune", ["status", "commune_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_person_unit_code"), ["unit_code"], unique=False)

    op.create_table(
        "target",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
        sa.Column("unit_code", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=True),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("updated_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("deleted_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.Column("unit_id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("departures", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["unit_id"],
            ["administrative_unit.id"],
            name=op.f("fk_target_unit_id_administrative_unit"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_target")),
        sa.UniqueConstraint("unit_id", "year", name=op.f("uq_target_unit_id_year")),
        sa.UniqueConstraint("uuid", name=op.f("uq_target_uuid")),
    )
    with op.batch_alter_table("target", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_target_unit_code"), ["unit_code"], unique=False)
        batch_op.create_index(batch_op.f("ix_target_unit_id"), ["unit_id"], unique=False)

    op.create_table(
        "unit_succession",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("old_unit_id", sa.Integer(), nullable=False),
        sa.Column("new_unit_id", sa.Integer(), nullable=False),
        sa.Column("is_default", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["new_unit_id"],
            ["administrative_unit.id"],
            name=op.f("fk_unit_succession_new_unit_id_administrative_unit"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["old_unit_id"],
            ["administrative_unit.id"],
            name=op.f("fk_unit_succession_old_unit_id_administrative_unit"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_unit_succession")),
        sa.UniqueConstraint("old_unit_id", "new_unit_id", name=op.f("uq_unit_succession_old_unit_id_new_unit_id")),
    )
    with op.batch_alter_table("unit_succession", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_unit_succession_new_unit_id"), ["new_unit_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_unit_succession_old_unit_id"), ["old_unit_id"], unique=False)

    op.create_table(
        "departure",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
        sa.Column("unit_code", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=True),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("updated_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("deleted_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column(
            "form",
            sa.Enum(
                "public_service_unit",
                "licensed_company",
                "contract_or_investment",
                "internship",
                "direct_contract",
                name="departureform",
                native_enum=False,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column(
            "programme",
            sa.Enum(
                "jp_tits",
                "jp_ssw",
                "kr_eps",
                "seasonal",
                "taiwan",
                "local_cooperation",
                "other",
                name="programme",
                native_enum=False,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("market_code", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("company_id", sa.Integer(), nullable=True),
        sa.Column("occupation", sqlmodel.sql.sqltypes.AutoString(length=160), nullable=False),
        sa.Column("employer", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("contract_months", sa.Integer(), nullable=True),
        sa.Column("departed_on", sa.Date(), nullable=False),
        sa.Column("expected_end_on", sa.Date(), nullable=True),
        sa.Column("orientation_cert_on", sa.Date(), nullable=True),
        sa.Column("monthly_salary", sa.Integer(), nullable=True),
        sa.Column("deposit", sa.Integer(), nullable=True),
        sa.Column("cost_paid", sa.Integer(), nullable=True),
        sa.Column("is_legal", sa.Boolean(), nullable=False),
        sa.Column(
            "status_abroad",
            sa.Enum("working", "changed_employer", "absconded", name="statusabroad", native_enum=False, length=32),
            nullable=False,
        ),
        sa.Column("status_abroad_on", sa.Date(), nullable=True),
        sa.Column("notes", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.ForeignKeyConstraint(
            ["company_id"],
            ["placement_company.id"],
            name=op.f("fk_departure_company_id_placement_company"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["market_code"], ["market.code"], name=op.f("fk_departure_market_code_market"), ondelete="RESTRICT"
        ),
        sa.ForeignKeyConstraint(
            ["person_id"], ["person.id"], name=op.f("fk_departure_person_id_person"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_departure")),
        sa.UniqueConstraint("uuid", name=op.f("uq_departure_uuid")),
    )
    with op.batch_alter_table("departure", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_departure_company_id"), ["company_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_departure_departed_on"), ["departed_on"], unique=False)
        batch_op.create_index(batch_op.f("ix_departure_expected_end_on"), ["expected_end_on"], unique=False)
        batch_op.create_index(batch_op.f("ix_departure_market_code"), ["market_code"], unique=False)
        batch_op.create_index("ix_departure_market_departed", ["market_code", "departed_on"], unique=False)
        batch_op.create_index(batch_op.f("ix_departure_person_id"), ["person_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_departure_unit_code"), ["unit_code"], unique=False)

    op.create_table(
        "family_club",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
        sa.Column("unit_code", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=True),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("updated_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("deleted_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.Column("name", sqlmodel.sql.sqltypes.AutoString(length=160), nullable=False),
        sa.Column("commune_id", sa.Integer(), nullable=True),
        sa.Column("founded_on", sa.Date(), nullable=True),
        sa.Column("leader_name", sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False),
        sa.Column("leader_person_id", sa.Integer(), nullable=True),
        sa.Column("leader_phone", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=True),
        sa.Column("notes", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.ForeignKeyConstraint(
            ["commune_id"],
            ["administrative_unit.id"],
            name=op.f("fk_family_club_commune_id_administrative_unit"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["leader_person_id"],
            ["person.id"],
            name=op.f("fk_family_club_leader_person_id_person"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_family_club")),
        sa.UniqueConstraint("uuid", name=op.f("uq_family_club_uuid")),
    )
    with op.batch_alter_table("family_club", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_family_club_commune_id"), ["commune_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_family_club_leader_person_id"), ["leader_person_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_family_club_unit_code"), ["unit_code"], unique=False)

    op.create_table(
        "household",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
        sa.Column("unit_code", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=True),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("updated_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("deleted_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.Column("head_name", sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False),
        sa.Column("head_name_key", sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False),
        sa.Column("head_person_id", sa.Integer(), nullable=True),
        sa.Column("hamlet", sqlmodel.sql.sqltypes.AutoString(length=80), nullable=False),
        sa.Column("commune_id", sa.Integer(), nullable=True),
        sa.Column("address", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("phone", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=True),
        sa.Column(
            "poverty_status",
            sa.Enum("none", "poor", "near_poor", "newly_out", name="povertystatus", native_enum=False, length=32),
            nullable=False,
        ),
        sa.Column("notes", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.ForeignKeyConstraint(
            ["commune_id"],
            ["administrative_unit.id"],
            name=op.f("fk_household_commune_id_administrative_unit"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["head_person_id"], ["person.id"], name=op.f("fk_household_head_person_id_person"), ondelete="SET NULL"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_household")),
        sa.UniqueConstraint("uuid", name=op.f("uq_household_uuid")),
    )
    with op.batch_alter_table("household", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_household_commune_id"), ["commune_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_household_hamlet"), ["hamlet"], unique=False)
        batch_op.create_index(batch_op.f("ix_household_head_name_key"), ["head_name_key"], unique=False)
        batch_op.create_index(batch_op.f("ix_household_head_person_id"), ["head_person_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_household_unit_code"), ["unit_code"], unique=False)

    op.create_table(
        "outreach_attendance",
        sa.Column("session_id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["person_id"], ["person.id"], name=op.f("fk_outreach_attendance_person_id_person"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["session_id"],
            ["outreach_session.id"],
            name=op.f("fk_outreach_attendance_session_id_outreach_session"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("session_id", "person_id", name=op.f("pk_outreach_attendance")),
    )
    op.create_table(
        "person_name_token",
        sa.Column("token", sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("sort_key", sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False),
        sa.ForeignKeyConstraint(
            ["person_id"], ["person.id"], name=op.f("fk_person_name_token_person_id_person"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("token", "person_id", name=op.f("pk_person_name_token")),
    )
    with op.batch_alter_table("person_name_token", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_person_name_token_person_id"), ["person_id"], unique=False)
        batch_op.create_index("ix_person_name_token_token_sort_key", ["token", "sort_key", "person_id"], unique=False)

    op.create_table(
        "person_policy_group",
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column(
            "group",
            sa.Enum(
                "poor",
                "near_poor",
                "newly_out_of_poverty",
                "ethnic_minority",
                "lost_farmland",
                "merit_relative",
                "demobilised",
                name="policygroup",
                native_enum=False,
                length=32,
            ),
            nullable=False,
        ),
        sa.ForeignKeyConstraint(
            ["person_id"], ["person.id"], name=op.f("fk_person_policy_group_person_id_person"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("person_id", "group", name=op.f("pk_person_policy_group")),
    )
    op.create_table(
        "status_event",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
        sa.Column("unit_code", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=True),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("updated_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("deleted_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column(
            "status",
            sa.Enum(
                "candidate",
                "registered",
                "training",
                "departed",
                "working_abroad",
                "returned",
                "absconded",
                "died",
                "missing",
                "withdrawn",
                name="personstatus",
                native_enum=False,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("happened_on", sa.Date(), nullable=False),
        sa.Column("note", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.ForeignKeyConstraint(
            ["person_id"], ["person.id"], name=op.f("fk_status_event_person_id_person"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_status_event")),
        sa.UniqueConstraint("uuid", name=op.f("uq_status_event_uuid")),
    )
    with op.batch_alter_table("status_event", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_status_event_person_id"), ["person_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_status_event_unit_code"), ["unit_code"], unique=False)

    op.create_table(
        "yearly_review",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
        sa.Column("unit_code", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=True),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("updated_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("deleted_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("reviewed_on", sa.Date(), nullable=True),
        sa.Column(
            "classification",
            sa.Enum(
                "wants_to_go", "not_now", "not_eligible", name="reviewclassification", native_enum=False, length=32
            ),
            nullable=False,
        ),
        sa.Column(
            "outreach_group",
            sa.Enum(
                "demobilised",
                "school_leaver",
                "unemployed_graduate",
                "skilled",
                "other",
                name="outreachgroup",
                native_enum=False,
                length=32,
            ),
            nullable=True,
        ),
        sa.Column("wished_market_code", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("counselled", sa.Boolean(), nullable=False),
        sa.Column("notes", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.ForeignKeyConstraint(
            ["person_id"], ["person.id"], name=op.f("fk_yearly_review_person_id_person"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["wished_market_code"],
            ["market.code"],
            name=op.f("fk_yearly_review_wished_market_code_market"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_yearly_review")),
        sa.UniqueConstraint("person_id", "year", name=op.f("uq_yearly_review_person_id_year")),
        sa.UniqueConstraint("uuid", name=op.f("uq_yearly_review_uuid")),
    )
    with op.batch_alter_table("yearly_review", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_yearly_review_person_id"), ["person_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_yearly_review_unit_code"), ["unit_code"], unique=False)
        batch_op.create_index(batch_op.f("ix_yearly_review_wished_market_code"), ["wished_market_code"], unique=False)
        batch_op.create_index(batch_op.f("ix_yearly_review_year"), ["year"], unique=False)

    op.create_table(
        "club_meeting",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
        sa.Column("unit_code", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=True),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("updated_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("deleted_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.Column("club_id", sa.Integer(), nullable=False),
        sa.Column("held_on", sa.Date(), nullable=False),
        sa.Column("topic", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("place", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("fund_contribution", sa.Integer(), nullable=False),
        sa.Column("notes", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.ForeignKeyConstraint(
            ["club_id"], ["family_club.id"], name=op.f("fk_club_meeting_club_id_family_club"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_club_meeting")),
        sa.UniqueConstraint("uuid", name=op.f("uq_club_meeting_uuid")),
    )
    with op.batch_alter_table("club_meeting", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_club_meeting_club_id"), ["club_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_club_meeting_held_on"), ["held_on"], unique=False)
        batch_op.create_index(batch_op.f("ix_club_meeting_unit_code"), ["unit_code"], unique=False)

    op.create_table(
        "club_membership",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
        sa.Column("unit_code", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=True),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("updated_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("deleted_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.Column("club_id", sa.Integer(), nullable=False),
        sa.Column("household_id", sa.Integer(), nullable=False),
        sa.Column("joined_on", sa.Date(), nullable=False),
        sa.Column("left_on", sa.Date(), nullable=True),
        sa.ForeignKeyConstraint(
            ["club_id"], ["family_club.id"], name=op.f("fk_club_membership_club_id_family_club"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["household_id"],
            ["household.id"],
            name=op.f("fk_club_membership_household_id_household"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_club_membership")),
        sa.UniqueConstraint("uuid", name=op.f("uq_club_membership_uuid")),
    )
    with op.batch_alter_table("club_membership", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_club_membership_club_id"), ["club_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_club_membership_household_id"), ["household_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_club_membership_unit_code"), ["unit_code"], unique=False)

    op.create_table(
        "departure_support",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
        sa.Column("unit_code", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=True),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("updated_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("deleted_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.Column("departure_id", sa.Integer(), nullable=False),
        sa.Column(
            "kind",
            sa.Enum(
                "training",
                "language",
                "orientation",
                "health_check",
                "passport",
                "visa",
                "criminal_record",
                "living_allowance",
                "other",
                name="supportkind",
                native_enum=False,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("amount", sa.Integer(), nullable=False),
        sa.Column("received_on", sa.Date(), nullable=True),
        sa.ForeignKeyConstraint(
            ["departure_id"],
            ["departure.id"],
            name=op.f("fk_departure_support_departure_id_departure"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_departure_support")),
        sa.UniqueConstraint("uuid", name=op.f("uq_departure_support_uuid")),
    )
    with op.batch_alter_table("departure_support", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_departure_support_departure_id"), ["departure_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_departure_support_unit_code"), ["unit_code"], unique=False)

    op.create_table(
        "family_visit",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
        sa.Column("unit_code", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=True),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("updated_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("deleted_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.Column("household_id", sa.Integer(), nullable=False),
        sa.Column("club_id", sa.Integer(), nullable=True),
        sa.Column("visited_on", sa.Date(), nullable=False),
        sa.Column("visitor", sqlmodel.sql.sqltypes.AutoString(length=160), nullable=False),
        sa.Column("issues_raised", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("follow_up", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("follow_up_done", sa.Boolean(), nullable=False),
        sa.Column("follow_up_on", sa.Date(), nullable=True),
        sa.ForeignKeyConstraint(
            ["club_id"], ["family_club.id"], name=op.f("fk_family_visit_club_id_family_club"), ondelete="SET NULL"
        ),
        sa.ForeignKeyConstraint(
            ["household_id"], ["household.id"], name=op.f("fk_family_visit_household_id_household"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_family_visit")),
        sa.UniqueConstraint("uuid", name=op.f("uq_family_visit_uuid")),
    )
    with op.batch_alter_table("family_visit", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_family_visit_club_id"), ["club_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_family_visit_household_id"), ["household_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_family_visit_unit_code"), ["unit_code"], unique=False)
        batch_op.create_index(batch_op.f("ix_family_visit_visited_on"), ["visited_on"], unique=False)

    op.create_table(
        "household_member",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
        sa.Column("unit_code", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=True),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("updated_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("deleted_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.Column("household_id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=True),
        sa.Column("full_name", sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False),
        sa.Column(
            "relationship",
            sa.Enum(
                "head",
                "spouse",
                "child",
                "parent",
                "sibling",
                "grandchild",
                "child_in_law",
                "other",
                name="relationship",
                native_enum=False,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("date_of_birth", sa.Date(), nullable=True),
        sa.ForeignKeyConstraint(
            ["household_id"],
            ["household.id"],
            name=op.f("fk_household_member_household_id_household"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["person_id"], ["person.id"], name=op.f("fk_household_member_person_id_person"), ondelete="SET NULL"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_household_member")),
        sa.UniqueConstraint("person_id", name=op.f("uq_household_member_person_id")),
        sa.UniqueConstraint("uuid", name=op.f("uq_household_member_uuid")),
    )
    with op.batch_alter_table("household_member", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_household_member_household_id"), ["household_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_household_member_unit_code"), ["unit_code"], unique=False)

    op.create_table(
        "loan",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
        sa.Column("unit_code", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=True),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("updated_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("deleted_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.Column("departure_id", sa.Integer(), nullable=False),
        sa.Column(
            "source",
            sa.Enum("nhcsxh", "employment_fund", "other", name="loansource", native_enum=False, length=32),
            nullable=False,
        ),
        sa.Column("amount", sa.Integer(), nullable=False),
        sa.Column("disbursed_on", sa.Date(), nullable=True),
        sa.Column(
            "repayment_status",
            sa.Enum(
                "outstanding", "repaying", "repaid", "overdue", name="repaymentstatus", native_enum=False, length=32
            ),
            nullable=False,
        ),
        sa.Column("repaid_on", sa.Date(), nullable=True),
        sa.ForeignKeyConstraint(
            ["departure_id"], ["departure.id"], name=op.f("fk_loan_departure_id_departure"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_loan")),
        sa.UniqueConstraint("uuid", name=op.f("uq_loan_uuid")),
    )
    with op.batch_alter_table("loan", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_loan_departure_id"), ["departure_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_loan_unit_code"), ["unit_code"], unique=False)

    op.create_table(
        "user_account",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
        sa.Column("unit_code", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=True),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("updated_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("deleted_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.Column("username", sqlmodel.sql.sqltypes.AutoString(length=60), nullable=False),
        sa.Column("full_name", sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False),
        sa.Column("password_hash", sqlmodel.sql.sqltypes.AutoString(length=255), nullable=False),
        sa.Column(
            "role",
            sa.Enum("admin", "officer", "club_leader", "viewer", name="role", native_enum=False, length=32),
            nullable=False,
        ),
        sa.Column("club_id", sa.Integer(), nullable=True),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("failed_logins", sa.Integer(), nullable=False),
        sa.Column("last_failed_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.Column("last_login_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["club_id"], ["family_club.id"], name=op.f("fk_user_account_club_id_family_club"), ondelete="SET NULL"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_user_account")),
        sa.UniqueConstraint("username", name=op.f("uq_user_account_username")),
        sa.UniqueConstraint("uuid", name=op.f("uq_user_account_uuid")),
    )
    with op.batch_alter_table("user_account", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_user_account_club_id"), ["club_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_user_account_unit_code"), ["unit_code"], unique=False)

    op.create_table(
        "worker_return",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
        sa.Column("unit_code", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=True),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("updated_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("deleted_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.Column("departure_id", sa.Integer(), nullable=False),
        sa.Column("returned_on", sa.Date(), nullable=False),
        sa.Column(
            "timing",
            sa.Enum("on_time", "early", "late", name="returntiming", native_enum=False, length=32),
            nullable=False,
        ),
        sa.Column(
            "reason",
            sa.Enum(
                "contract_ended",
                "illness_accident",
                "employer_closed",
                "abuse",
                "death_missing",
                "contract_breach",
                "deported",
                "other",
                name="returnreason",
                native_enum=False,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("residence_notified", sa.Boolean(), nullable=False),
        sa.Column("residence_notified_on", sa.Date(), nullable=True),
        sa.Column("notes", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.ForeignKeyConstraint(
            ["departure_id"], ["departure.id"], name=op.f("fk_worker_return_departure_id_departure"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_worker_return")),
        sa.UniqueConstraint("departure_id", name=op.f("uq_worker_return_departure_id")),
        sa.UniqueConstraint("uuid", name=op.f("uq_worker_return_uuid")),
    )
    with op.batch_alter_table("worker_return", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_worker_return_returned_on"), ["returned_on"], unique=False)
        batch_op.create_index(batch_op.f("ix_worker_return_unit_code"), ["unit_code"], unique=False)

    op.create_table(
        "club_meeting_attendance",
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("household_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["household_id"],
            ["household.id"],
            name=op.f("fk_club_meeting_attendance_household_id_household"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["meeting_id"],
            ["club_meeting.id"],
            name=op.f("fk_club_meeting_attendance_meeting_id_club_meeting"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("meeting_id", "household_id", name=op.f("pk_club_meeting_attendance")),
    )
    op.create_table(
        "return_follow_up",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
        sa.Column("unit_code", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=True),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("updated_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("deleted_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.Column("return_id", sa.Integer(), nullable=False),
        sa.Column("followed_on", sa.Date(), nullable=False),
        sa.Column(
            "employment",
            sa.Enum(
                "employed",
                "self_employed",
                "started_business",
                "abroad_again",
                "jobless",
                name="employmentafterreturn",
                native_enum=False,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("monthly_income", sa.Integer(), nullable=True),
        sa.Column("notes", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.ForeignKeyConstraint(
            ["return_id"],
            ["worker_return.id"],
            name=op.f("fk_return_follow_up_return_id_worker_return"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_return_follow_up")),
        sa.UniqueConstraint("uuid", name=op.f("uq_return_follow_up_uuid")),
    )
    with op.batch_alter_table("return_follow_up", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_return_follow_up_followed_on"), ["followed_on"], unique=False)
        batch_op.create_index(batch_op.f("ix_return_follow_up_return_id"), ["return_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_return_follow_up_unit_code"), ["unit_code"], unique=False)

    op.create_table(
        "follow_up_support_need",
        sa.Column("follow_up_id", sa.Integer(), nullable=False),
        sa.Column(
            "need",
            sa.Enum(
                "job_referral",
                "start_up",
                "vocational_training",
                "loan",
                "counselling",
                name="supportneed",
                native_enum=False,
                length=32,
            ),
            nullable=False,
        ),
        sa.ForeignKeyConstraint(
            ["follow_up_id"],
            ["return_follow_up.id"],
            name=op.f("fk_follow_up_support_need_follow_up_id_return_follow_up"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("follow_up_id", "need", name=op.f("pk_follow_up_support_need")),
    )


def downgrade() -> None:
    op.drop_table("follow_up_support_need")
    with op.batch_alter_table("return_follow_up", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_return_follow_up_unit_code"))
        batch_op.drop_index(batch_op.f("ix_return_follow_up_return_id"))
        batch_op.drop_index(batch_op.f("ix_return_follow_up_followed_on"))

    op.drop_table("return_follow_up")
    op.drop_table("club_meeting_attendance")
    with op.batch_alter_table("worker_return", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_worker_return_unit_code"))
        batch_op.drop_index(batch_op.f("ix_worker_return_returned_on"))

    op.drop_table("worker_return")
    with op.batch_alter_table("user_account", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_user_account_unit_code"))
        batch_op.drop_index(batch_op.f("ix_user_account_club_id"))

    op.drop_table("user_account")
    with op.batch_alter_table("loan", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_loan_unit_code"))
        batch_op.drop_index(batch_op.f("ix_loan_departure_id"))

    op.drop_table("loan")
    with op.batch_alter_table("household_member", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_household_member_unit_code"))
        batch_op.drop_index(batch_op.f("ix_household_member_household_id"))

    op.drop_table("household_member")
    with op.batch_alter_table("family_visit", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_family_visit_visited_on"))
        batch_op.drop_index(batch_op.f("ix_family_visit_unit_code"))
        batch_op.drop_index(batch_op.f("ix_family_visit_household_id"))
        batch_op.drop_index(batch_op.f("ix_family_visit_club_id"))

    op.drop_table("family_visit")
    with op.batch_alter_table("departure_support", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_departure_support_unit_code"))
        batch_op.drop_index(batch_op.f("ix_departure_support_departure_id"))

    op.drop_table("departure_support")
    with op.batch_alter_table("club_membership", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_club_membership_unit_code"))
        batch_op.drop_index(batch_op.f("ix_club_membership_household_id"))
        batch_op.drop_index(batch_op.f("ix_club_membership_club_id"))

    op.drop_table("club_membership")
    with op.batch_alter_table("club_meeting", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_club_meeting_unit_code"))
        batch_op.drop_index(batch_op.f("ix_club_meeting_held_on"))
        batch_op.drop_index(batch_op.f("ix_club_meeting_club_id"))

    op.drop_table("club_meeting")
    with op.batch_alter_table("yearly_review", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_yearly_review_year"))
        batch_op.drop_index(batch_op.f("ix_yearly_review_wished_market_code"))
        batch_op.drop_index(batch_op.f("ix_yearly_review_unit_code"))
        batch_op.drop_index(batch_op.f("ix_yearly_review_person_id"))

    op.drop_table("yearly_review")
    with op.batch_alter_table("status_event", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_status_event_unit_code"))
        batch_op.drop_index(batch_op.f("ix_status_event_person_id"))

    op.drop_table("status_event")
    op.drop_table("person_policy_group")
    with op.batch_alter_table("person_name_token", schema=None) as batch_op:
        batch_op.drop_index("ix_person_name_token_token_sort_key")
        batch_op.drop_index(batch_op.f("ix_person_name_token_person_id"))

    op.drop_table("person_name_token")
    op.drop_table("outreach_attendance")
    with op.batch_alter_table("household", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_household_unit_code"))
        batch_op.drop_index(batch_op.f("ix_household_head_person_id"))
        batch_op.drop_index(batch_op.f("ix_household_head_name_key"))
        batch_op.drop_index(batch_op.f("ix_household_hamlet"))
        batch_op.drop_index(batch_op.f("ix_household_commune_id"))

    op.drop_table("household")
    with op.batch_alter_table("family_club", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_family_club_unit_code"))
        batch_op.drop_index(batch_op.f("ix_family_club_leader_person_id"))
        batch_op.drop_index(batch_op.f("ix_family_club_commune_id"))

    op.drop_table("family_club")
    with op.batch_alter_table("departure", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_departure_unit_code"))
        batch_op.drop_index(batch_op.f("ix_departure_person_id"))
        batch_op.drop_index("ix_departure_market_departed")
        batch_op.drop_index(batch_op.f("ix_departure_market_code"))
        batch_op.drop_index(batch_op.f("ix_departure_expected_end_on"))
        batch_op.drop_index(batch_op.f("ix_departure_departed_on"))
        batch_op.drop_index(batch_op.f("ix_departure_company_id"))

    op.drop_table("departure")
    with op.batch_alter_table("unit_succession", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_unit_succession_old_unit_id"))
        batch_op.drop_index(batch_op.f("ix_unit_succession_new_unit_id"))

    op.drop_table("unit_succession")
    with op.batch_alter_table("target", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_target_unit_id"))
        batch_op.drop_index(batch_op.f("ix_target_unit_code"))

    op.drop_table("target")
    with op.batch_alter_table("person", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_person_unit_code"))
        batch_op.drop_index("ix_person_status_commune")
        batch_op.drop_index("ix_person_sort_key")
        batch_op.drop_index(batch_op.f("ix_person_phone"))
        batch_op.drop_index(batch_op.f("ix_person_name_key"))
        batch_op.drop_index(batch_op.f("ix_person_hamlet"))
        batch_op.drop_index(batch_op.f("ix_person_commune_id"))

    op.drop_table("person")
    with op.batch_alter_table("outreach_session", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_outreach_session_unit_code"))
        batch_op.drop_index(batch_op.f("ix_outreach_session_held_on"))
        batch_op.drop_index(batch_op.f("ix_outreach_session_commune_id"))

    op.drop_table("outreach_session")
    with op.batch_alter_table("placement_company", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_placement_company_unit_code"))
        batch_op.drop_index(batch_op.f("ix_placement_company_name_key"))

    op.drop_table("placement_company")
    op.drop_table("market")
    with op.batch_alter_table("audit_event", schema=None) as batch_op:
        batch_op.drop_index("ix_audit_event_record")
        batch_op.drop_index(batch_op.f("ix_audit_event_at"))

    op.drop_table("audit_event")
    op.drop_table("app_setting")
    with op.batch_alter_table("administrative_unit", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_administrative_unit_parent_id"))
        batch_op.drop_index(batch_op.f("ix_administrative_unit_name_key"))
        batch_op.drop_index(batch_op.f("ix_administrative_unit_code"))

    op.drop_table("administrative_unit")
