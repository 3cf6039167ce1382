#!/bin/bash
# Runs once, when the database volume is new: one role and one database per part. Synapse wants
# the C collation (its docs: "Set up database").
set -euo pipefail
secret() { tr -d '\n' < "/run/secrets/$1"; }
quote() { printf "%s" "$1" | sed "s/'/''/g"; }
psql -v ON_ERROR_STOP=1 --username postgres <<SQL
CREATE ROLE workspace LOGIN PASSWORD '$(quote "$(secret workspace_db_password)")';
CREATE DATABASE workspace OWNER workspace ENCODING 'UTF8';
CREATE ROLE keycloak LOGIN PASSWORD '$(quote "$(secret keycloak_db_password)")';
CREATE DATABASE keycloak OWNER keycloak ENCODING 'UTF8';
CREATE ROLE synapse LOGIN PASSWORD '$(quote "$(secret synapse_db_password)")';
CREATE DATABASE synapse OWNER synapse ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C' TEMPLATE template0;
SQL
