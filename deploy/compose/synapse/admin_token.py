"""Registers a homeserver admin with the registration shared secret once and keeps its access
token where the workspace reads it (MATRIX_ADMIN_TOKEN_FILE). Runs as a one-shot service before
the workspace starts; a token that still works is kept."""

import hashlib
import hmac
import json
import os
import secrets
import sys
import urllib.request

SYNAPSE = os.environ.get("SYNAPSE_URL", "http://synapse:8008")
OUT = os.environ.get("TOKEN_FILE", "/shared/matrix_admin_token")
SECRET_FILE = os.environ.get("SHARED_SECRET_FILE", "/run/secrets/synapse_registration_secret")
# The workspace's user and group: the token is readable by it alone.
OWNER = os.environ.get("TOKEN_OWNER", "10001:10001")


def call(method, path, body=None, token=None):
    request = urllib.request.Request(SYNAPSE + path, method=method)
    request.add_header("Content-Type", "application/json")
    if token:
        request.add_header("Authorization", "Bearer " + token)
    data = json.dumps(body).encode() if body is not None else None
    with urllib.request.urlopen(request, data, timeout=30) as response:
        return json.load(response)


def token_works(token):
    try:
        call("GET", "/_matrix/client/v3/account/whoami", token=token)
        return True
    except Exception:
        return False


def main():
    if os.path.exists(OUT):
        with open(OUT) as f:
            if token_works(f.read().strip()):
                print("the admin token still works")
                return 0
    with open(SECRET_FILE) as f:
        shared = f.read().strip().encode()
    nonce = call("GET", "/_synapse/admin/v1/register")["nonce"]
    username = "workspace-admin-" + secrets.token_hex(4)
    password = secrets.token_urlsafe(24)
    mac = hmac.new(shared, "\0".join([nonce, username, password, "admin"]).encode(), hashlib.sha1).hexdigest()
    body = {"nonce": nonce, "username": username, "password": password, "admin": True, "mac": mac}
    token = call("POST", "/_synapse/admin/v1/register", body)["access_token"]
    fd = os.open(OUT, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o400)
    with os.fdopen(fd, "w") as f:
        f.write(token)
    uid, gid = (int(n) for n in OWNER.split(":"))
    os.chown(OUT, uid, gid)
    print("registered " + username)
    return 0


if __name__ == "__main__":
    sys.exit(main())
