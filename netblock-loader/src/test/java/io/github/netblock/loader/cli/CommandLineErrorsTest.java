package io.github.netblock.loader.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the command line refuses, with which exit code and which message: every error names the input
 * (option, file, line, value) and the reason, and nothing is changed before a refusal.
 */
class CommandLineErrorsTest {
    private static final Path FEEDS = Path.of("src/test/resources/feeds").toAbsolutePath();

    @TempDir
    Path dir;

    private static CliRun run(String... args) {
        return CliRun.of(args);
    }

    /** A one-feed configuration (the LACNIC dump: no bad records) and a database built from it. */
    private Path smallConfig() throws IOException {
        Path config = dir.resolve("small.yml");
        Files.writeString(config, "feeds:\n  - name: lacnic\n    format: rpsl\n    charset: UTF-8\n    files: [" + FEEDS.resolve("rpsl/lacnic.db") + "]\n");
        return config;
    }

    private Path smallDatabase() throws IOException {
        Path db = dir.resolve("small.nbdb");
        CliRun r = run("build", "-c", smallConfig().toString(), "-o", db.toString(), "-q");
        assertThat(r.exit()).as(r.err()).isZero();
        return db;
    }

    private Path config(String name, String yaml) throws IOException {
        Path config = dir.resolve(name);
        Files.writeString(config, yaml);
        return config;
    }

    // 1. missing folders are refused unless --create-dirs

    @Test
    void publishAndUpdateNeedExactlyOneDestination() throws IOException {
        Path db = smallDatabase();
        CliRun none = run("publish", db.toString());
        assertThat(none.exit()).isEqualTo(2);
        assertThat(none.err()).contains("give where to publish: --to DIR (a folder the nodes watch) or --es URL (the cluster)");
        CliRun both = run("publish", db.toString(), "--to", dir.toString(), "--es", "http://127.0.0.1:9");
        assertThat(both.exit()).isEqualTo(2);
        assertThat(both.err()).contains("give one of --to DIR and --es URL, not both");
        CliRun createDirs = run("update", "-c", smallConfig().toString(), "--es", "http://127.0.0.1:9", "--create-dirs");
        assertThat(createDirs.exit()).isEqualTo(2);
        assertThat(createDirs.err()).contains("--create-dirs applies to --to DIR, not to --es");
        CliRun noPassword = run("publish", db.toString(), "--es", "http://127.0.0.1:9", "--user", "elastic");
        assertThat(noPassword.exit()).isEqualTo(2);
        assertThat(noPassword.err()).contains("--user elastic needs --password-env VAR");
    }

    @Test
    void aMistypedElasticsearchUrlIsNamedBeforeAnyConnection() throws IOException {
        Path db = smallDatabase();
        // each is a mistake an operator makes: no scheme, a misspelt scheme, a port too large, a space inside, a path
        Map<String, String> urls = Map.of(
                "127.0.0.1:9200", "--es [127.0.0.1:9200] has no scheme: give http://127.0.0.1:9200 or https://127.0.0.1:9200",
                "htps://127.0.0.1:9200", "--es [htps://127.0.0.1:9200] is not an http or https URL; give e.g. https://127.0.0.1:9200",
                "http://127.0.0.1:92000", "--es [http://127.0.0.1:92000]: port 92000 is not a TCP port",
                "http://127.0.0.1 :9200", "--es [http://127.0.0.1 :9200] has a space in it",
                "http://127.0.0.1:9200/_cluster", "--es [http://127.0.0.1:9200/_cluster]: give the node's address only (scheme, host, port), no path or query",
                "http://:9200", "--es [http://:9200] has no host; give e.g. https://127.0.0.1:9200");
        urls.forEach((url, message) -> {
            for (String[] args : List.of(new String[] {"publish", db.toString(), "--es", url}, new String[] {"setup", "--es", url},
                    new String[] {"backfill", "--es", url, "--index", "logs-*"})) {
                CliRun r = run(args);
                assertThat(r.exit()).as(String.join(" ", args)).isEqualTo(NetblockLoader.INVALID_INPUT);
                assertThat(r.err()).as(String.join(" ", args)).contains(message);
            }
        });
    }

    @Test
    void aGoodElasticsearchUrlIsTakenAsOperatorsWriteIt() throws Exception {
        // a trailing slash and a host name with an underscore (docker-compose service names) are fine
        assertThat(ConnectionOptions.checkUrl("--es", " http://127.0.0.1:9200/ ")).isEqualTo("http://127.0.0.1:9200");
        assertThat(ConnectionOptions.checkUrl("--es", "https://es_node_1:9200")).isEqualTo("https://es_node_1:9200");
        assertThat(ConnectionOptions.checkUrl("--kibana", "HTTP://[::1]:5601")).isEqualTo("HTTP://[::1]:5601");
        assertThat(ConnectionOptions.checkUrl("--es", "https://es.example")).isEqualTo("https://es.example");
    }

    @Test
    void publishRefusesAMissingFolderUnlessCreateDirsIsGiven() throws IOException {
        Path db = smallDatabase();
        Path typo = dir.resolve("es/config/ingest-netblok");
        CliRun refused = run("publish", db.toString(), "--to", typo.toString());
        assertThat(refused.exit()).isEqualTo(NetblockLoader.INVALID_INPUT);
        assertThat(refused.err()).contains("--to " + typo + ": no such folder").contains("--create-dirs");
        assertThat(dir.resolve("es")).doesNotExist();

        CliRun created = run("publish", db.toString(), "--to", typo.toString(), "--create-dirs");
        assertThat(created.exit()).as(created.err()).isZero();
        assertThat(typo.resolve("default.nbdb")).isRegularFile();
        assertThat(run("publish", "--help").out()).contains("--create-dirs");
    }

    @Test
    void buildRefusesAMissingOutputFolderUnlessCreateDirsIsGiven() throws IOException {
        Path config = smallConfig();
        Path out = dir.resolve("nonexistent/dir/x.nbdb");
        CliRun refused = run("build", "-c", config.toString(), "-o", out.toString());
        assertThat(refused.exit()).isEqualTo(NetblockLoader.INVALID_INPUT);
        assertThat(refused.err()).contains(out.toString()).contains(dir.resolve("nonexistent/dir") + " does not exist").contains("--create-dirs");
        assertThat(dir.resolve("nonexistent")).doesNotExist();

        CliRun folder = run("build", "-c", config.toString(), "-o", dir.toString());
        assertThat(folder.exit()).isEqualTo(NetblockLoader.INVALID_INPUT);
        assertThat(folder.err()).contains("--output " + dir + ": is a folder");

        CliRun created = run("build", "-c", config.toString(), "-o", out.toString(), "--create-dirs", "-q");
        assertThat(created.exit()).as(created.err()).isZero();
        assertThat(out).isRegularFile();
        assertThat(run("build", "--help").out()).contains("--create-dirs");
    }

    @Test
    void updateRefusesAMissingFolderBeforeFetchingAndADryRunCreatesNothing() throws IOException {
        Path config = smallConfig();
        Path folder = dir.resolve("missing/ingest-netblock");
        CliRun refused = run("update", "-c", config.toString(), "--to", folder.toString());
        assertThat(refused.exit()).isEqualTo(NetblockLoader.INVALID_INPUT);
        assertThat(refused.err()).contains("--to " + folder + ": no such folder");
        assertThat(refused.out()).doesNotContain("lacnic"); // nothing was built

        CliRun dry = run("update", "-c", config.toString(), "--to", folder.toString(), "--create-dirs", "--dry-run");
        assertThat(dry.exit()).as(dry.err()).isZero();
        assertThat(dry.out()).contains("does not exist yet");
        assertThat(dir.resolve("missing")).doesNotExist();

        CliRun update = run("update", "-c", config.toString(), "--to", folder.toString(), "--create-dirs", "-q");
        assertThat(update.exit()).as(update.err()).isZero();
        assertThat(folder.resolve("default.nbdb")).isRegularFile();
    }

    // 2. nothing to build is invalid input

    @Test
    void aConfigurationWithoutFeedsIsRefused() throws IOException {
        Path none = config("none.yml", "description: forgot the feeds\noutput: x.nbdb\n");
        CliRun r = run("build", "-c", none.toString());
        assertThat(r.exit()).isEqualTo(NetblockLoader.INVALID_INPUT);
        assertThat(r.err()).contains(none + ": no feeds");
        assertThat(dir.resolve("x.nbdb")).doesNotExist();

        Path disabled = config("disabled.yml", "feeds:\n  - name: ripe\n    format: rpsl\n    enabled: false\n    files: [ripe.db]\n");
        CliRun off = run("build", "-c", disabled.toString(), "-o", dir.resolve("y.nbdb").toString());
        assertThat(off.exit()).isEqualTo(NetblockLoader.INVALID_INPUT);
        assertThat(off.err()).contains(disabled.toString()).contains("enabled: false");
        assertThat(dir.resolve("y.nbdb")).doesNotExist();
    }

    @Test
    void aFeedWhoseFilesYieldNoRecordsIsRefusedByName() throws IOException {
        // an organisation file holds no inetnum: a wrong file for a block feed
        Path orgs = config("orgs.yml", "feeds:\n  - name: lacnic\n    format: rpsl\n    charset: UTF-8\n    files: [" + FEEDS.resolve("rpsl/lacnic.db")
                + "]\n  - name: orgs-only\n    format: rpsl\n    files: [" + FEEDS.resolve("rpsl/ripe.db.organisation") + "]\n");
        CliRun r = run("build", "-c", orgs.toString(), "-o", dir.resolve("o.nbdb").toString());
        assertThat(r.exit()).isEqualTo(NetblockLoader.INVALID_INPUT);
        assertThat(r.err()).contains("feed orgs-only").contains("no records in " + FEEDS.resolve("rpsl/ripe.db.organisation"));
        assertThat(dir.resolve("o.nbdb")).doesNotExist();

        Path empty = Files.writeString(dir.resolve("asn-ipv4.csv"), "");
        Path asn = config("asn.yml", "feeds:\n  - name: asn\n    format: asn-csv\n    files: [" + empty + "]\n");
        CliRun e = run("update", "-c", asn.toString(), "--to", dir.toString());
        assertThat(e.exit()).isEqualTo(NetblockLoader.INVALID_INPUT);
        assertThat(e.err()).contains("feed asn").contains(empty.toString());
        assertThat(dir.resolve("default.nbdb")).doesNotExist();
    }

    // 3. --keep and --max-drop are checked before anything changes

    @Test
    void publishChecksKeepAndMaxDropBeforeChangingAnything() throws IOException {
        Path db = smallDatabase();
        Path folder = Files.createDirectories(dir.resolve("ingest-netblock"));
        assertThat(run("publish", db.toString(), "--to", folder.toString()).exit()).isZero();
        byte[] published = Files.readAllBytes(folder.resolve("default.nbdb"));

        CliRun keep = run("publish", db.toString(), "--to", folder.toString(), "--keep", "-1");
        assertThat(keep.exit()).isEqualTo(NetblockLoader.USAGE);
        assertThat(keep.err()).contains("--keep -1: must be 1 or more").doesNotContain("out of bounds");
        assertThat(folder.resolve(".history")).doesNotExist();
        assertThat(Files.readAllBytes(folder.resolve("default.nbdb"))).isEqualTo(published);
        assertThat(run("publish", db.toString(), "--to", folder.toString(), "--keep", "0").exit()).isEqualTo(NetblockLoader.USAGE);
        assertThat(run("publish", "--rollback", "--to", folder.toString(), "--keep", "0").exit()).isEqualTo(NetblockLoader.USAGE);

        for (String share : new String[] {"-1", "5", "1.5", "NaN"}) {
            CliRun drop = run("publish", db.toString(), "--to", folder.toString(), "--max-drop", share);
            assertThat(drop.exit()).as(share).isEqualTo(NetblockLoader.USAGE);
            assertThat(drop.err()).contains("--max-drop " + share + ": must be a share between 0 and 1");
        }
        CliRun update = run("update", "-c", smallConfig().toString(), "--to", folder.toString(), "--max-drop", "5");
        assertThat(update.exit()).isEqualTo(NetblockLoader.USAGE);
        assertThat(update.err()).contains("--max-drop 5:");
        assertThat(folder.resolve(".history")).doesNotExist();
        assertThat(Files.readAllBytes(folder.resolve("default.nbdb"))).isEqualTo(published);

        // the bounds themselves are fine; the replaced version goes to .history
        assertThat(run("publish", db.toString(), "--to", folder.toString(), "--max-drop", "1", "--keep", "1").exit()).isZero();
        assertThat(run("publish", db.toString(), "--to", folder.toString(), "--max-drop", "0").exit()).isZero();
        assertThat(folder.resolve(".history")).isDirectory();
    }

    // 4. messages name the input and the reason

    @Test
    void wrongKindsOfPathsAreNamed() throws IOException {
        Path db = smallDatabase();
        CliRun toFile = run("publish", db.toString(), "--to", db.toString());
        assertThat(toFile.exit()).isEqualTo(NetblockLoader.INVALID_INPUT);
        assertThat(toFile.err()).contains("--to " + db + ": is a file, not a folder");

        CliRun dbFolder = run("lookup", "192.0.2.1", "--db", dir.toString());
        assertThat(dbFolder.exit()).isEqualTo(NetblockLoader.INVALID_INPUT);
        assertThat(dbFolder.err()).contains("--db " + dir + ": is a folder, not a file");

        CliRun inspectFolder = run("inspect", dir.toString());
        assertThat(inspectFolder.exit()).isEqualTo(NetblockLoader.INVALID_INPUT);
        assertThat(inspectFolder.err()).contains(dir + ": is a folder");
    }

    @Test
    void malformedYamlNamesTheFileAndLine() throws IOException {
        Path bad = config("bad.yml", "feeds:\n  - name: x\n    format: rpsl\n    files: [a\n  - name: y\n");
        CliRun r = run("build", "-c", bad.toString(), "-o", dir.resolve("x.nbdb").toString());
        assertThat(r.exit()).isEqualTo(NetblockLoader.INVALID_INPUT);
        assertThat(r.err()).contains(bad + ":5: not valid YAML").contains("expected ',' or ']'").doesNotContain("(File)");

        Path tab = config("tab.yml", "feeds:\n\t- name: x\n");
        CliRun t = run("fetch", "-c", tab.toString());
        assertThat(t.exit()).isEqualTo(NetblockLoader.INVALID_INPUT);
        assertThat(t.err()).contains(tab + ":2: not valid YAML").doesNotContain("\t");

        Path list = config("list.yml", "feeds:\n  - name: x\n    format: rpsl\n    files: a.db\n    error_budget: lots\n");
        CliRun l = run("build", "-c", list.toString(), "-o", dir.resolve("x.nbdb").toString());
        assertThat(l.exit()).isEqualTo(NetblockLoader.INVALID_INPUT);
        assertThat(l.err()).contains(list + ":4: feed x: feeds[0].files: expected a list").contains("found 'a.db'");
    }

    @Test
    void anUnknownFeedFormatNamesTheFeedTheValueAndTheKnownFormats() throws IOException {
        Path bad = config("formats.yml", "feeds:\n  - name: x\n    format: rpsl\n    files: [a]\n  - name: y\n    format: whois-xml\n    files: [b]\n");
        CliRun r = run("build", "-c", bad.toString(), "-o", dir.resolve("x.nbdb").toString());
        assertThat(r.exit()).isEqualTo(NetblockLoader.INVALID_INPUT);
        assertThat(r.err()).contains(bad + ":6: feed y: unknown format 'whois-xml', known formats: rpsl, arin, delegated, ")
                .contains("whoisxml").doesNotContain("Cannot construct instance").doesNotContain("FeedFormat");
    }

    // 5. -q prints errors only

    @Test
    void quietPrintsNoPerRecordWarnings() throws IOException {
        Path config = FEEDS.resolve("loader.yml"); // ripe.db.inetnum:58 is a bad record
        CliRun loud = run("build", "-c", config.toString(), "-o", dir.resolve("loud.nbdb").toString());
        assertThat(loud.exit()).as(loud.err()).isZero();
        assertThat(loud.err()).contains("warning: ").contains("ripe.db.inetnum:58");

        CliRun quiet = run("build", "-c", config.toString(), "-o", dir.resolve("quiet.nbdb").toString(), "-q");
        assertThat(quiet.exit()).as(quiet.err()).isZero();
        assertThat(quiet.err()).isEmpty();
        assertThat(quiet.out()).isEmpty();

        // update keeps its build in the configuration's cache folder: a configuration in the temporary folder
        Path ripe = config("ripe.yml", "feeds:\n  - name: ripe\n    format: rpsl\n    files: [" + FEEDS.resolve("rpsl/ripe.db.inetnum") + ", "
                + FEEDS.resolve("rpsl/ripe.db.organisation") + "]\n");
        Path folder = Files.createDirectories(dir.resolve("ingest-netblock"));
        CliRun update = run("update", "-c", ripe.toString(), "--to", folder.toString());
        assertThat(update.exit()).as(update.err()).isZero();
        assertThat(update.err()).contains("warning: ").contains("ripe.db.inetnum:58");
        CliRun quietUpdate = run("update", "-c", ripe.toString(), "--to", folder.toString(), "--quiet");
        assertThat(quietUpdate.exit()).as(quietUpdate.err()).isZero();
        assertThat(quietUpdate.err()).isEmpty();
        assertThat(quietUpdate.out()).isEmpty();
    }

    // 6. one exit code per kind of error, in every command

    @Test
    void aMissingInputFileIsInvalidInputInEveryCommand() throws IOException {
        String config = dir.resolve("missing.yml").toString();
        for (String[] args : new String[][] {
            {"build", "-c", config, "-o", dir.resolve("x.nbdb").toString()},
            {"fetch", "-c", config},
            {"update", "-c", config, "--to", dir.toString()},
        }) {
            CliRun r = run(args);
            assertThat(r.exit()).as(String.join(" ", args)).isEqualTo(NetblockLoader.INVALID_INPUT);
            assertThat(r.err()).contains("--config " + config + ": no such file");
        }
        String db = dir.resolve("missing.nbdb").toString();
        for (String[] args : new String[][] {
            {"lookup", "192.0.2.1", "--db", db},
            {"inspect", db},
            {"publish", db, "--to", dir.toString()},
        }) {
            CliRun r = run(args);
            assertThat(r.exit()).as(String.join(" ", args)).isEqualTo(NetblockLoader.INVALID_INPUT);
            assertThat(r.err()).contains(db + ": no such file");
        }
        // a file the configuration names
        Path feed = config("feed.yml", "feeds:\n  - name: ripe\n    format: rpsl\n    files: [nowhere/ripe.db]\n");
        CliRun r = run("build", "-c", feed.toString(), "-o", dir.resolve("x.nbdb").toString());
        assertThat(r.exit()).isEqualTo(NetblockLoader.INVALID_INPUT);
        assertThat(r.err()).contains("feed ripe: file " + dir.resolve("nowhere/ripe.db") + " does not exist");
        // a certificate named on the command line: checked before any connection
        CliRun setup = run("setup", "--es", "http://127.0.0.1:9", "--ca-cert", dir.resolve("ca.pem").toString());
        assertThat(setup.exit()).isEqualTo(NetblockLoader.INVALID_INPUT);
        assertThat(setup.err()).contains("--ca-cert " + dir.resolve("ca.pem") + ": no such file");
    }

    @Test
    void malformedArgumentsAreUsageErrors() throws IOException {
        Path db = smallDatabase();
        CliRun ip = run("lookup", "999.1.2.3", "--db", db.toString());
        assertThat(ip.exit()).isEqualTo(NetblockLoader.USAGE);
        assertThat(ip.err()).contains("IP '999.1.2.3': not an IPv4 or IPv6 address");

        CliRun name = run("publish", db.toString(), "--to", dir.toString(), "--name", "../etc");
        assertThat(name.exit()).isEqualTo(NetblockLoader.USAGE);
        assertThat(name.err()).contains("--name '../etc'");

        CliRun retries = run("fetch", "-c", smallConfig().toString(), "--retries", "-1");
        assertThat(retries.exit()).isEqualTo(NetblockLoader.USAGE);
        assertThat(retries.err()).contains("--retries -1");
        assertThat(run("--help").out().replaceAll("\\s+", " ")).contains("invalid command line").contains("missing or of the wrong kind");
    }

    // 7. feed bytes are escaped and cut where they are echoed

    @Test
    void aBinaryFeedLineIsEscapedAndCutInTheError() throws IOException {
        Path binary = dir.resolve("binary.db");
        String line = "\u001b[2J\u001b]0;owned\u0007\u009b31m" + "A".repeat(5000);
        Files.write(binary, ("inetnum: 192.0.2.0 - 192.0.2.255\nnetname: OK\n\n" + line + "\n").getBytes(StandardCharsets.ISO_8859_1));
        Path config = config("binary.yml", "feeds:\n  - name: bin\n    format: rpsl\n    files: [" + binary + "]\n");
        CliRun r = run("build", "-c", config.toString(), "-o", dir.resolve("b.nbdb").toString());
        assertThat(r.exit()).isEqualTo(NetblockLoader.INVALID_INPUT);
        assertThat(r.err()).contains(binary + ":4: not an attribute line").contains("[\\x1b[2J\\x1b]0;owned\\x07\\x9b31mAAA").contains("...]");
        assertNothingRaw(r.err());
        assertThat(r.err().lines()).allSatisfy(l -> assertThat(l.length()).isLessThan(400));
    }

    @Test
    void badRecordWarningsAreEscaped() throws IOException {
        Path delegated = dir.resolve("delegated");
        Files.writeString(delegated, "2|ripencc|20261124|2|19830705|20261123|+0100\n"
                + "ripencc|DE|ipv4|2.16.0.0|1024|20100712|allocated\n"
                + "ripencc|\u001b[31mFR|ipv4\n");
        Path config = config("delegated.yml", "feeds:\n  - name: d\n    format: delegated\n    files: [" + delegated + "]\n");
        CliRun r = run("build", "-c", config.toString(), "-o", dir.resolve("d.nbdb").toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.err()).contains("warning: " + delegated + ":3:").contains("[ripencc|\\x1b[31mFR|ipv4]");
        assertNothingRaw(r.err());
    }

    private static void assertNothingRaw(String printed) {
        assertThat(printed.chars().filter(c -> (c < 0x20 && c != '\n') || (c >= 0x7f && c <= 0x9f))).isEmpty();
    }
}
