"""Print the README's table of policy settings from oversight/policy.toml (paste it in)."""
# Run from the project root: PYTHONPATH=. .venv/bin/python scripts/policy_table.py

from pathlib import Path

from oversight.policy import load_policy

policy = load_policy(Path("/none"))
print("| setting | default | what it sets | source |")
print("| --- | --- | --- | --- |")
for s in policy.settings.values():
    value = ", ".join(s.value) if isinstance(s.value, list) else s.value
    unit = f" {s.unit}" if s.unit else ""
    print(f"| `{s.name}` | {value}{unit} | {s.description} | {s.source} |")
