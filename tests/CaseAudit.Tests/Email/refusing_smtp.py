"""An aiosmtpd handler for the email tests: stores messages in a Maildir like
aiosmtpd.handlers.Mailbox, but refuses some recipients as real servers do.
  busy-...     the first time: 451 (try again later); after that accepted
  unknown-...  always: 550 (no such mailbox)
Run: PYTHONPATH=<this folder> python3 -m aiosmtpd -n -l 127.0.0.1:PORT -c refusing_smtp.Refusing MAILDIR
"""
from aiosmtpd.handlers import Mailbox


class Refusing(Mailbox):
    refused_once = set()

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.startswith("unknown-"):
            return "550 5.1.1 No such mailbox here"
        if address.startswith("busy-") and address not in self.refused_once:
            self.refused_once.add(address)
            return "451 4.3.0 Mailbox busy, try again later"
        envelope.rcpt_tos.append(address)
        return "250 OK"
