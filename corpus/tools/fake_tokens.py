#!/usr/bin/env python3
"""Deterministic fake credentials in real provider formats, for rule examples and corpus files.

Every value is random from a fixed seed, never a real credential. Formats follow the vendors'
public documentation: prefix, length and alphabet, and the CRC32 checksum where the format has one
(GitHub and npm tokens end in the base62 CRC32 of their random part).
"""
import base64
import random
import string
import zlib

B62 = string.digits + string.ascii_uppercase + string.ascii_lowercase
URLSAFE = string.ascii_letters + string.digits + "_-"
HEX = "0123456789abcdef"
B32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"
B64 = string.ascii_letters + string.digits + "+/"
B58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"


class Fakes:
    def __init__(self, seed: int):
        self.r = random.Random(seed)

    def chars(self, alphabet: str, n: int) -> str:
        return "".join(self.r.choice(alphabet) for _ in range(n))

    def base62(self, value: int, width: int) -> str:
        out = ""
        while value:
            value, d = divmod(value, 62)
            out = B62[d] + out
        return out.rjust(width, "0")

    def crc_token(self, prefix: str) -> str:
        """GitHub classic / npm: prefix + 30 random base62 + 6-char base62 CRC32 of the random part."""
        body = self.chars(B62, 30)
        return prefix + body + self.base62(zlib.crc32(body.encode()), 6)

    def github(self, prefix="ghp_"): return self.crc_token(prefix)
    def npm(self): return self.crc_token("npm_")
    def github_fine_grained(self): return "github_pat_" + self.chars(B62, 22) + "_" + self.chars(B62, 59)
    def glpat(self): return "glpat-" + self.chars(URLSAFE.replace("-", "").replace("_", ""), 20)
    def gitlab(self, prefix, n=20): return prefix + self.chars(string.ascii_letters + string.digits, n)
    def hex(self, n): return self.chars(HEX, n)
    def aws_key_id(self, prefix="AKIA"): return prefix + self.chars(B32, 16)
    def aws_secret(self): return self.chars(string.ascii_letters + string.digits + "/+", 40)
    def b64(self, nbytes): return base64.b64encode(bytes(self.r.getrandbits(8) for _ in range(nbytes))).decode()
    def alnum(self, n): return self.chars(string.ascii_letters + string.digits, n)
    def lower_alnum(self, n): return self.chars(string.ascii_lowercase + string.digits, n)
    def upper_alnum(self, n): return self.chars(string.ascii_uppercase + string.digits, n)
    def digits(self, n): return self.chars(string.digits, n)
    def urlsafe(self, n): return self.chars(URLSAFE, n)
    def b32(self, n): return self.chars(B32, n)
    def b58(self, n): return self.chars(B58, n)
    def b64url(self, nbytes): return base64.urlsafe_b64encode(bytes(self.r.getrandbits(8) for _ in range(nbytes))).decode().rstrip("=")
    def uuid(self):
        h = self.hex(32)
        return f"{h[:8]}-{h[8:12]}-4{h[13:16]}-{'89ab'[self.r.randrange(4)]}{h[17:20]}-{h[20:]}"

    def crc32_base62(self, body: str, width: int = 6) -> str:
        """The base62 CRC32 of `body`, left-padded with zeros to `width` (GitHub-style checksums)."""
        return self.base62(zlib.crc32(body.encode()), width)


if __name__ == "__main__":
    f = Fakes(2026)
    for name, value in [("github", f.github()), ("npm", f.npm()), ("glpat", f.glpat()),
                        ("aws", f.aws_key_id() + " " + f.aws_secret())]:
        print(name, value)
