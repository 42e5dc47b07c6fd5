#!/usr/bin/python3
"""Adds the users of an LDIF file to a stopped Samba's sam.ldb (scripts/bench/samba-seed.ts).

  samba-offline-add.py SMB_CONF SAM_LDB LDIF BATCH

One process for the whole file (ldbadd loads the schema again for every file),
through the same DSDB module stack as an LDAP add (samldb gives each user its
SID and defaults), as the system session, a transaction every BATCH users.
Prints one line per batch: "<added> <seconds>". Debian's python3 (samba's
bindings live there), as seed.py.
"""
import sys
import time

sys.path.insert(0, "/usr/lib/python3/dist-packages")
from samba.auth import system_session  # noqa: E402
from samba.param import LoadParm  # noqa: E402
from samba.samdb import SamDB  # noqa: E402


def main(smb_conf, sam_ldb, ldif_path, batch):
    lp = LoadParm()
    lp.load(smb_conf)
    samdb = SamDB(url=sam_ldb, session_info=system_session(), lp=lp)
    with open(ldif_path) as f:
        entries = [e for e in f.read().split("\n\n") if e.strip()]
    t0 = time.monotonic()
    added = 0
    for at in range(0, len(entries), batch):
        # Parsed a batch at a time: pyldb's parse_ldif parses the whole text into a list at once, and
        # with 80,000 messages alive each add took eight times as long (seen here).
        samdb.transaction_start()
        try:
            for _, msg in samdb.parse_ldif("\n\n".join(entries[at:at + batch]) + "\n"):
                samdb.add(msg)
                added += 1
            samdb.transaction_commit()
        except Exception:
            samdb.transaction_cancel()
            raise
        print(added, round(time.monotonic() - t0, 2), flush=True)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]))
