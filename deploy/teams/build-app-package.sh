#!/usr/bin/env bash
# Builds the Teams app package (manifest.json + icons, zipped) for sideloading or the Teams admin center.
#
#   MicrosoftAppId=<bot's Microsoft App ID> deploy/teams/build-app-package.sh [output.zip]
#
# Placeholders ${{Name}} in manifest.json are replaced by environment variables of the same name:
#   MicrosoftAppId  (required) the Azure Bot's Microsoft App ID (a GUID)
#   TeamsAppId      the Teams app's id (a GUID); defaults to MicrosoftAppId
#   AppVersion      defaults to 1.0.0
#   PublisherName   defaults to CommsBot
#   PublisherUrl    an https URL with /privacy and /terms pages; defaults to https://example.org/commsbot
# Default output: artifacts/teams/commsbot-teams.zip under the repository root.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
out="${1:-$root/artifacts/teams/commsbot-teams.zip}"

guid='^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$'
: "${MicrosoftAppId:?set MicrosoftAppId to the Microsoft App ID of the Azure Bot (Azure Bot, Configuration)}"
export MicrosoftAppId
export TeamsAppId="${TeamsAppId:-$MicrosoftAppId}"
export AppVersion="${AppVersion:-1.0.0}"
export PublisherName="${PublisherName:-CommsBot}"
export PublisherUrl="${PublisherUrl:-https://example.org/commsbot}"
for name in MicrosoftAppId TeamsAppId; do
  [[ "${!name}" =~ $guid ]] || { echo "error: $name must be a GUID, got '${!name}'" >&2; exit 2; }
done
[[ "$PublisherUrl" == https://* ]] || { echo "error: PublisherUrl must start with https://" >&2; exit 2; }

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
python3 - "$here/manifest.json" "$work/manifest.json" <<'PY'
import json, os, re, sys
text = open(sys.argv[1], encoding="utf-8").read()
def value(match):
    name = match.group(1)
    if name not in os.environ:
        sys.exit(f"error: manifest.json uses ${{{{{name}}}}} but {name} is not set")
    return json.dumps(os.environ[name])[1:-1]
text = re.sub(r"\$\{\{(\w+)\}\}", value, text)
json.loads(text)  # still valid JSON
open(sys.argv[2], "w", encoding="utf-8").write(text)
PY
cp "$here/color.png" "$here/outline.png" "$work/"
mkdir -p "$(dirname "$out")"
rm -f "$out"
# Files at the root of the zip, as Teams requires.
python3 - "$out" "$work" <<'PY'
import os, sys, zipfile
out, work = sys.argv[1], sys.argv[2]
with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
    for name in ("manifest.json", "color.png", "outline.png"):
        z.write(os.path.join(work, name), name)
PY
echo "Teams app package: $out"
