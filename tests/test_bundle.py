"""The standalone bundle in dist/ (issue 19), started as a user would start it: no virtual
environment, no Python on PATH, nothing from the environment but a home folder and a locale.

`make dist-test` builds the bundle and runs these; `make test` runs them only when a bundle is
present in dist/, and skips them otherwise.
"""

from __future__ import annotations

import datetime
import os
import pwd
import shutil
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest

from cst_notes import APP_ID
from tests.clinic.conftest import EmptyDatabase, new_database
from tests.clinic.server import TestServer

REPO = Path(__file__).resolve().parents[1]
BUNDLE = REPO / "dist" / "cst-notes"
SERVER_MIGRATIONS = REPO / "cst_notes" / "storage" / "server" / "migrations"  # s001_….sql: what init applies
EXECUTABLE = BUNDLE / "cst-notes"
SIZE_LIMIT_MB = 150  # issue 19: unpacked, as `make dist` prints it (du --apparent-size, MiB)

pytestmark = [
    pytest.mark.bundle,
    pytest.mark.skipif(not EXECUTABLE.is_file(), reason="no bundle in dist/ (make dist-test builds and tests one)"),
]


def clean_env(home: Path, **extra: str) -> dict[str, str]:
    """As `env -i` would give it: PATH holds one empty folder, so no python (nor anything else) is found."""
    empty = home / "empty-path"
    empty.mkdir(exist_ok=True)
    env = {"HOME": str(home), "PATH": str(empty), "LANG": "C.UTF-8", "QT_QPA_PLATFORM": "offscreen", **extra}
    assert shutil.which("python3", path=env["PATH"]) is None
    assert shutil.which("python", path=env["PATH"]) is None
    return env


def run(args: list[str], env: dict[str, str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(EXECUTABLE), *args], env=env, cwd=cwd, capture_output=True, text=True, timeout=120, check=False
    )


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    home = tmp_path_factory.mktemp("home")
    db = home / "demo.sqlite"
    made = run(["demo", "--db", str(db), "--patients", "6", "--sessions", "3"], clean_env(home), home)
    assert made.returncode == 0, made.stderr
    assert made.stdout.startswith("added 6 patients and 18 sessions")
    return db


def loaded_libraries(ld_debug_files: list[Path]) -> list[str]:
    """The shared libraries the dynamic loader initialised, from glibc's LD_DEBUG=libs trace."""
    found = []
    for file in ld_debug_files:
        for line in file.read_text(encoding="utf-8", errors="replace").splitlines():
            if "calling init:" in line:
                found.append(line.split("calling init:", 1)[1].strip())
    return found


def test_check_runs_on_the_demo_database_with_the_bundles_own_python(demo: Path, tmp_path: Path) -> None:
    trace = tmp_path / "ld"
    env = clean_env(demo.parent, LD_DEBUG="libs", LD_DEBUG_OUTPUT=str(trace))
    checked = run(["check", "--db", str(demo)], env, tmp_path)
    assert checked.returncode == 0, checked.stderr
    assert checked.stdout.splitlines()[0] == "ok"
    assert "6 patients, 18 sessions" in checked.stdout
    libraries = loaded_libraries(sorted(tmp_path.glob("ld.*")))
    pythons = [lib for lib in libraries if "libpython" in Path(lib).name]
    assert pythons, "the trace shows no libpython at all"
    inside = str(BUNDLE.resolve()) + os.sep
    assert all(os.path.realpath(lib).startswith(inside) for lib in pythons), pythons
    # Nothing of this test's virtual environment or of the Python it was made from is loaded.
    elsewhere = {str(Path(p).resolve()) for p in (sys.prefix, sys.base_prefix, "/usr/lib/python3")}
    assert not [lib for lib in libraries if any(os.path.realpath(lib).startswith(p + os.sep) for p in elsewhere)]


def test_the_main_window_renders_to_png(demo: Path, tmp_path: Path) -> None:
    from PySide6.QtGui import QImage

    shot = tmp_path / "main-window.png"
    shown = run(["--db", str(demo), "--screenshot", str(shot)], clean_env(demo.parent), tmp_path)
    assert shown.returncode == 0, shown.stderr
    image = QImage(str(shot))
    assert (image.width(), image.height()) >= (800, 500)
    colours = {image.pixel(x, y) for x in range(0, image.width(), 7) for y in range(0, image.height(), 7)}
    assert len(colours) > 20, "the screenshot is (nearly) one colour: nothing was drawn"


def test_the_bundle_writes_documents_in_bengali_and_hindi(demo: Path, tmp_path: Path) -> None:
    """The catalogues and Babel's data for bn and hi are in the bundle (its locale data is trimmed: a
    missing locale would stop the export, which writes dates with Babel's month names)."""
    for language, heading in (("bn", "অগ্রগতির বিবরণ"), ("hi", "प्रगति रिपोर्ट")):
        out = tmp_path / f"{language}.pdf"
        args = ["export-pdf", "--db", str(demo), "--patient", "1", "--kind", "progress", "--language", language]
        made = run([*args, "--out", str(out)], clean_env(demo.parent), tmp_path)
        assert made.returncode == 0, made.stderr
        text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True, check=True).stdout
        assert heading in text


def test_the_bundle_imports_and_renders_in_worker_processes(tmp_path: Path) -> None:
    """A file of 4 MB or more is read and checked by worker processes as it is imported, and a batch of
    PDFs is rendered by them: each started from the bundle's own executable (multiprocessing's fork
    server, through freeze_support), with no Python on PATH to fall back on. (On a machine of one core
    the import reads the file itself; the PDFs are still rendered by the two workers asked for.)"""
    env = clean_env(tmp_path)
    source, export, target = tmp_path / "source.sqlite", tmp_path / "export.json", tmp_path / "target.sqlite"
    made = run(["demo", "--db", str(source), "--patients", "70", "--sessions", "20"], env, tmp_path)
    assert made.returncode == 0, made.stderr
    written = run(["export", "--db", str(source), "--out", str(export)], env, tmp_path)
    assert written.returncode == 0, written.stderr
    assert export.stat().st_size >= 4 << 20  # PARALLEL_IMPORT_BYTES: read by workers
    imported = run(["import", "-q", "--db", str(target), str(export)], env, tmp_path)
    assert imported.returncode == 0, imported.stderr
    made_here, checked = (run(["check", "--db", str(db)], env, tmp_path) for db in (source, target))
    assert checked.returncode == 0, checked.stderr
    assert checked.stdout == made_here.stdout  # ok, the schema, and as many patients and sessions
    assert "; 70 patients, " in checked.stdout
    out = tmp_path / "records"
    args = ["export-pdf", "--db", str(target), "--all", "--kind", "intake", "--workers", "2", "-q"]
    rendered = run([*args, "--out-dir", str(out)], env, tmp_path)
    assert rendered.returncode == 0, rendered.stderr
    pdfs = sorted(out.glob("*.pdf"))
    assert len(pdfs) == 70
    assert all(pdf.read_bytes().startswith(b"%PDF-") for pdf in pdfs)


def test_the_bundle_carries_its_desktop_file_icons_and_metainfo() -> None:
    share = BUNDLE / "share"
    assert (share / "applications" / f"{APP_ID}.desktop").is_file()
    assert (share / "metainfo" / f"{APP_ID}.metainfo.xml").is_file()
    assert (share / "icons" / "hicolor" / "scalable" / "apps" / f"{APP_ID}.svg").is_file()
    for size in (16, 32, 48, 64, 128, 256, 512):
        png = share / "icons" / "hicolor" / f"{size}x{size}" / "apps" / f"{APP_ID}.png"
        header = png.read_bytes()[:24]
        assert header[:8] == b"\x89PNG\r\n\x1a\n"
        assert (int.from_bytes(header[16:20], "big"), int.from_bytes(header[20:24], "big")) == (size, size)


@pytest.mark.parametrize(
    ("tool", "args", "file"),
    [
        ("desktop-file-validate", [], f"share/applications/{APP_ID}.desktop"),
        ("appstreamcli", ["validate", "--no-net", "--explain"], f"share/metainfo/{APP_ID}.metainfo.xml"),
    ],
)
def test_the_metadata_validates(tool: str, args: list[str], file: str) -> None:
    if shutil.which(tool) is None:
        pytest.skip(f"{tool} is not installed (make dist-test installs it)")
    checked = subprocess.run([tool, *args, str(BUNDLE / file)], capture_output=True, text=True, timeout=60, check=False)
    assert checked.returncode == 0, checked.stdout + checked.stderr


def test_the_bundle_unpacked_stays_under_150_mb() -> None:
    """Issue 19's target. A symbolic link counts as its own few bytes, as du counts it."""
    sizes = {p: p.lstat().st_size for p in BUNDLE.rglob("*") if p.is_symlink() or not p.is_dir()}
    total = sum(sizes.values())
    biggest = ", ".join(
        f"{p.relative_to(BUNDLE)} {n / 2**20:.1f}" for p, n in sorted(sizes.items(), key=lambda i: -i[1])[:8]
    )
    assert total < SIZE_LIMIT_MB * 2**20, f"{total / 2**20:.1f} MB unpacked; the biggest files (MB): {biggest}"


def test_the_bundle_holds_one_openssl() -> None:
    """psycopg's and SQLCipher's wheels each bring a libcrypto (and Python's ssl a third): one file
    stays, the others are links to it. (cryptography's own OpenSSL is linked into its module.)"""
    for name in ("libcrypto", "libssl"):
        found = [p for p in BUNDLE.rglob(f"{name}*.so*")]
        files = [p for p in found if not p.is_symlink()]
        assert len(files) == 1, files
        assert all(p.resolve() == files[0].resolve() for p in found)


def test_an_encrypted_practice_opens_only_with_its_passphrase(tmp_path: Path) -> None:
    """SQLCipher's libcrypto is a link to the kept copy: encrypting, then checking, go through it."""
    db = tmp_path / "practice.sqlite"
    env = clean_env(tmp_path, CST_NOTES_PASSPHRASE="a long passphrase of her own")
    assert run(["demo", "--db", str(db), "--patients", "2", "--sessions", "2"], env, tmp_path).returncode == 0
    encrypted = run(["encrypt", "--db", str(db)], env, tmp_path)
    assert encrypted.returncode == 0, encrypted.stderr
    assert not db.read_bytes().startswith(b"SQLite format 3")
    checked = run(["check", "--db", str(db)], env, tmp_path)
    assert (checked.returncode, checked.stdout.splitlines()[0]) == (0, "ok"), checked.stderr
    wrong = run(["check", "--db", str(db)], {**env, "CST_NOTES_PASSPHRASE": "not hers"}, tmp_path)
    assert wrong.returncode == 1
    assert "the passphrase does not open" in wrong.stderr


def _self_signed(folder: Path, owner: str | None) -> None:
    """server.crt and server.key for localhost in the server's data folder (PostgreSQL wants the key
    readable by its own user only)."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "localhost")])
    now = datetime.datetime.now(datetime.UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(hours=1))
        .not_valid_after(now + datetime.timedelta(days=1))
        .sign(key, hashes.SHA256())
    )
    files = {
        "server.crt": certificate.public_bytes(serialization.Encoding.PEM),
        "server.key": key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        ),
    }
    for file, content in files.items():
        (folder / file).write_bytes(content)
        (folder / file).chmod(0o600)
        if owner:
            account = pwd.getpwnam(owner)
            os.chown(folder / file, account.pw_uid, account.pw_gid)


@pytest.fixture(scope="module")
def tls_only_clinic() -> Iterator[tuple[EmptyDatabase, int]]:
    """An empty clinic database on a PostgreSQL that takes TCP connections on 127.0.0.1 over TLS only
    (pg_hba.conf: hostssl lines, no host lines); the port it listens on."""
    server = TestServer.start()
    try:
        database = new_database(server)
        _self_signed(server.data, server.run_as)
        (server.data / "pg_hba.conf").write_text(
            "local all all scram-sha-256\nhostssl all all 127.0.0.1/32 scram-sha-256\n", encoding="utf-8"
        )
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = int(probe.getsockname()[1])
        server._run(server.bin / "pg_ctl", "--pgdata", server.data, "-m", "fast", "-w", "stop")
        options = (
            f"-c listen_addresses=127.0.0.1 -c port={port} -c ssl=on -c fsync=off "
            f"-c unix_socket_directories='{server.folder}'"
        )
        server._run(
            server.bin / "pg_ctl",
            "--pgdata",
            server.data,
            "--log",
            server.folder / "server.log",
            "-o",
            options,
            "-w",
            "start",
        )
        yield database, port
    finally:
        server.stop()


@pytest.mark.parametrize(("sslmode", "made"), [("require", True), ("disable", False)])
def test_clinic_init_reaches_a_tls_only_server_with_the_bundles_openssl(
    tls_only_clinic: tuple[EmptyDatabase, int], tmp_path: Path, sslmode: str, made: bool
) -> None:
    """The server's schema is in the bundle, and psycopg's libpq talks TLS with the one OpenSSL kept
    (the server refuses a connection without it: the second case shows the first went over TLS)."""
    database, port = tls_only_clinic
    url = f"postgresql://{database.owner}@127.0.0.1:{port}/{database.name}?sslmode={sslmode}"
    done = run(["clinic", "init", "--server", url], clean_env(tmp_path, PGPASSWORD=database.password), tmp_path)
    if made:
        assert done.returncode == 0, done.stderr
        assert done.stdout.startswith(f"made the clinic in {database.name} on ")
        superuser = f"{database.server.superuser_url(database.name)}&port={port}"  # the socket moved with the port
        with psycopg.connect(superuser) as su:
            shipped = sorted(int(f.name[1:4]) for f in SERVER_MIGRATIONS.glob("s[0-9][0-9][0-9]_*.sql"))
            assert [v for (v,) in su.execute("SELECT version FROM clinic.migrations ORDER BY version")] == shipped
    else:
        assert done.returncode == 1
        assert "no encryption" in done.stderr
