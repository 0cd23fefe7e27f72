package io.github.netblock.it.harness;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * Builds the test-only plugin that registers Elasticsearch's {@code pipeline} processor for one node: the
 * source (the resource {@code pipelineprocessor/PipelineProcessorPlugin.java}) is compiled against that
 * node's own {@code lib/} jars by the JDK the node runs on, for the Java level of the node's server jar, and
 * packed as an installable zip naming the node's version. One source, each platform's server jar, as the
 * adapters are built.
 */
final class PipelineProcessorZip {
    static final String CLASS = "io.github.netblock.it.harness.pipelineprocessor.PipelineProcessorPlugin";

    private PipelineProcessorZip() {}

    static Path write(Path zip, Platform platform, Path esHome) throws IOException, InterruptedException {
        if (platform.isOpenSearch()) {
            throw new IllegalStateException("the test-only pipeline-processor plugin is written against Elasticsearch's API, not " + platform);
        }
        Path work = Files.createTempDirectory(zip.getParent(), "pipeline-processor-");
        String pkg = CLASS.substring(0, CLASS.lastIndexOf('.')).replace('.', '/');
        Path source = Files.createDirectories(work.resolve("src").resolve(pkg)).resolve("PipelineProcessorPlugin.java");
        try (InputStream in = PipelineProcessorZip.class.getResourceAsStream("/" + pkg + "/PipelineProcessorPlugin.java")) {
            if (in == null) {
                throw new IOException("the resource " + pkg + "/PipelineProcessorPlugin.java is not on the test class path");
            }
            Files.copy(in, source);
        }
        Path serverJar = esHome.resolve("lib/elasticsearch-" + platform.version() + ".jar");
        int javaLevel = javaLevel(serverJar);
        Path classes = work.resolve("classes");
        Path javac = Path.of(platform.javaHome(), "bin", "javac");
        if (!Files.isExecutable(javac)) {
            throw new IllegalStateException("no javac at " + javac + " (the JDK of " + platform + ") to build the test-only pipeline-processor plugin");
        }
        Process p = new ProcessBuilder(javac.toString(), "--release", Integer.toString(javaLevel), "-proc:none", "-nowarn",
                "-cp", esHome.resolve("lib") + "/*", "-d", classes.toString(), source.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("the test-only pipeline-processor plugin does not compile against " + serverJar + ":\n" + out);
        }

        ByteArrayOutputStream jar = new ByteArrayOutputStream();
        try (ZipOutputStream j = new ZipOutputStream(jar); Stream<Path> files = Files.list(classes.resolve(pkg))) {
            for (Path c : files.filter(f -> f.toString().endsWith(".class")).sorted().toList()) {
                j.putNextEntry(new ZipEntry(pkg + "/" + c.getFileName()));
                Files.copy(c, j);
                j.closeEntry();
            }
        }
        String descriptor = String.join("\n", List.of(
                "description=Test only: registers Elasticsearch's pipeline processor (ingest-common has it in full distributions)",
                "version=1.0",
                "name=test-pipeline-processor",
                "classname=" + CLASS,
                "java.version=" + javaLevel,
                "elasticsearch.version=" + platform.version(), ""));
        try (OutputStream out2 = Files.newOutputStream(zip); ZipOutputStream z = new ZipOutputStream(out2)) {
            z.putNextEntry(new ZipEntry("plugin-descriptor.properties"));
            z.write(descriptor.getBytes(StandardCharsets.UTF_8));
            z.closeEntry();
            z.putNextEntry(new ZipEntry("test-pipeline-processor.jar"));
            z.write(jar.toByteArray());
            z.closeEntry();
        }
        return zip;
    }

    /** The Java release of the server's class files (major version 61 is Java 17, 65 is Java 21). */
    private static int javaLevel(Path serverJar) throws IOException {
        try (ZipFile jar = new ZipFile(serverJar.toFile())) {
            ZipEntry plugin = jar.getEntry("org/elasticsearch/plugins/Plugin.class");
            if (plugin == null) {
                throw new IOException(serverJar + " has no org.elasticsearch.plugins.Plugin: the test-only pipeline-processor plugin is written against Elasticsearch's API");
            }
            try (DataInputStream in = new DataInputStream(jar.getInputStream(plugin))) {
                if (in.readInt() != 0xCAFEBABE) {
                    throw new IOException("not a class file: org/elasticsearch/plugins/Plugin.class in " + serverJar);
                }
                in.readUnsignedShort(); // minor
                return in.readUnsignedShort() - 44;
            }
        }
    }
}
