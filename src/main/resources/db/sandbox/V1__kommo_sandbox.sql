-- State of the local Kommo emulator. Dates are Unix seconds, as the API speaks them; values the API
-- returns verbatim (custom field values, tags, note params) are kept in the API's own JSON shape.

-- One sequence for every entity, starting where real Kommo ids look plausible; never restarted,
-- so an id the service remembers from before a reset can never point at a different entity.
CREATE SEQUENCE entity_id START WITH 10000000;

CREATE TABLE app_user (
    id       BIGINT  PRIMARY KEY,
    name     TEXT    NOT NULL,
    email    TEXT    NOT NULL,
    is_admin BOOLEAN NOT NULL,
    sort     INTEGER NOT NULL
);

CREATE TABLE pipeline (
    id             BIGINT  PRIMARY KEY,
    name           TEXT    NOT NULL,
    sort           INTEGER NOT NULL,
    is_main        BOOLEAN NOT NULL,
    is_unsorted_on BOOLEAN NOT NULL DEFAULT true,
    is_archive     BOOLEAN NOT NULL DEFAULT false
);

-- 142 and 143 exist in every pipeline, so a status is identified by its pipeline too.
CREATE TABLE status (
    pipeline_id BIGINT  NOT NULL REFERENCES pipeline (id) ON DELETE CASCADE,
    id          BIGINT  NOT NULL,
    name        TEXT    NOT NULL,
    sort        INTEGER NOT NULL,
    color       TEXT    NOT NULL,
    type        INTEGER NOT NULL CHECK (type IN (0, 1)),
    is_editable BOOLEAN NOT NULL,
    PRIMARY KEY (pipeline_id, id)
);

CREATE TABLE custom_field (
    id            BIGINT  PRIMARY KEY,
    entity_type   TEXT    NOT NULL CHECK (entity_type IN ('leads', 'contacts')),
    name          TEXT    NOT NULL,
    type          TEXT    NOT NULL,
    code          TEXT,
    sort          INTEGER NOT NULL,
    is_api_only   BOOLEAN NOT NULL DEFAULT false,
    is_predefined BOOLEAN NOT NULL DEFAULT false,
    enums         JSONB
);
CREATE UNIQUE INDEX custom_field_code_idx ON custom_field (entity_type, code) WHERE code IS NOT NULL;

CREATE TABLE tag (
    id          BIGINT PRIMARY KEY,
    entity_type TEXT   NOT NULL CHECK (entity_type IN ('leads', 'contacts')),
    name        TEXT   NOT NULL
);
CREATE UNIQUE INDEX tag_name_idx ON tag (entity_type, lower(name));

CREATE TABLE lead (
    id                   BIGINT PRIMARY KEY,
    name                 TEXT   NOT NULL,
    price                BIGINT NOT NULL DEFAULT 0,
    responsible_user_id  BIGINT NOT NULL,
    pipeline_id          BIGINT NOT NULL,
    status_id            BIGINT NOT NULL,
    loss_reason_id       BIGINT,
    created_by           BIGINT NOT NULL,
    updated_by           BIGINT NOT NULL,
    created_at           BIGINT NOT NULL,
    updated_at           BIGINT NOT NULL,
    closed_at            BIGINT,
    custom_fields_values JSONB,
    tags                 JSONB  NOT NULL DEFAULT '[]'::jsonb,
    deleted_at           BIGINT,
    -- Lower-cased name, id and field values: what GET /leads?query= searches.
    search_text          TEXT   NOT NULL DEFAULT ''
);
CREATE INDEX lead_status_idx ON lead (pipeline_id, status_id);
CREATE INDEX lead_created_idx ON lead (created_at);
CREATE INDEX lead_updated_idx ON lead (updated_at);

CREATE TABLE contact (
    id                   BIGINT PRIMARY KEY,
    name                 TEXT   NOT NULL,
    first_name           TEXT   NOT NULL DEFAULT '',
    last_name            TEXT   NOT NULL DEFAULT '',
    responsible_user_id  BIGINT NOT NULL,
    created_by           BIGINT NOT NULL,
    updated_by           BIGINT NOT NULL,
    created_at           BIGINT NOT NULL,
    updated_at           BIGINT NOT NULL,
    custom_fields_values JSONB,
    tags                 JSONB  NOT NULL DEFAULT '[]'::jsonb,
    search_text          TEXT   NOT NULL DEFAULT '',
    -- Digits of every PHONE value, for GET /contacts?query={phone}.
    phone_digits         TEXT[] NOT NULL DEFAULT '{}'
);

CREATE TABLE lead_contact (
    lead_id    BIGINT  NOT NULL REFERENCES lead (id) ON DELETE CASCADE,
    contact_id BIGINT  NOT NULL REFERENCES contact (id) ON DELETE CASCADE,
    is_main    BOOLEAN NOT NULL,
    linked_at  BIGINT  NOT NULL,
    PRIMARY KEY (lead_id, contact_id)
);
CREATE INDEX lead_contact_contact_idx ON lead_contact (contact_id);

CREATE TABLE note (
    id                  BIGINT PRIMARY KEY,
    entity_type         TEXT   NOT NULL CHECK (entity_type IN ('leads', 'contacts')),
    entity_id           BIGINT NOT NULL,
    note_type           TEXT   NOT NULL,
    params              JSONB  NOT NULL DEFAULT '{}'::jsonb,
    responsible_user_id BIGINT NOT NULL,
    created_by          BIGINT NOT NULL,
    updated_by          BIGINT NOT NULL,
    created_at          BIGINT NOT NULL,
    updated_at          BIGINT NOT NULL
);
CREATE INDEX note_entity_idx ON note (entity_type, entity_id);

CREATE TABLE task (
    id                  BIGINT  PRIMARY KEY,
    text                TEXT    NOT NULL,
    entity_type         TEXT    CHECK (entity_type IN ('leads', 'contacts')),
    entity_id           BIGINT,
    responsible_user_id BIGINT  NOT NULL,
    task_type_id        INTEGER NOT NULL,
    duration            INTEGER NOT NULL DEFAULT 0,
    complete_till       BIGINT  NOT NULL,
    is_completed        BOOLEAN NOT NULL DEFAULT false,
    result_text         TEXT,
    created_by          BIGINT  NOT NULL,
    updated_by          BIGINT  NOT NULL,
    created_at          BIGINT  NOT NULL,
    updated_at          BIGINT  NOT NULL
);
CREATE INDEX task_entity_idx ON task (entity_type, entity_id);

CREATE TABLE event (
    seq          BIGSERIAL PRIMARY KEY,
    id           TEXT   NOT NULL UNIQUE,
    type         TEXT   NOT NULL,
    entity_type  TEXT   NOT NULL,
    entity_id    BIGINT NOT NULL,
    created_by   BIGINT NOT NULL,
    created_at   BIGINT NOT NULL,
    value_before JSONB  NOT NULL DEFAULT '[]'::jsonb,
    value_after  JSONB  NOT NULL DEFAULT '[]'::jsonb
);
CREATE INDEX event_created_idx ON event (created_at);

CREATE TABLE webhook (
    id          BIGINT  PRIMARY KEY,
    destination TEXT    NOT NULL UNIQUE,
    settings    JSONB   NOT NULL,
    sort        INTEGER NOT NULL,
    disabled    BOOLEAN NOT NULL DEFAULT false,
    created_by  BIGINT  NOT NULL,
    created_at  BIGINT  NOT NULL,
    updated_at  BIGINT  NOT NULL
);

-- Codes and tokens are stored as SHA-256 hashes only.
CREATE TABLE oauth_code (
    code_hash    TEXT        PRIMARY KEY,
    client_id    TEXT        NOT NULL,
    redirect_uri TEXT,
    expires_at   TIMESTAMPTZ NOT NULL,
    used_at      TIMESTAMPTZ
);

CREATE TABLE oauth_token (
    token_hash TEXT        PRIMARY KEY,
    kind       TEXT        NOT NULL CHECK (kind IN ('access', 'refresh')),
    client_id  TEXT        NOT NULL,
    expires_at TIMESTAMPTZ NOT NULL,
    revoked_at TIMESTAMPTZ,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
