package io.github.netblock.it.harness;

import io.github.netblock.it.harness.pipelineprocessor.PipelineProcessorPlugin;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Packs {@link PipelineProcessorPlugin} from the compiled test classes as an installable plugin zip. */
final class PipelineProcessorZip {
    private PipelineProcessorZip() {}

    static Path write(Path zip, String esVersion) throws IOException {
        Path classes;
        try {
            classes = Path.of(PipelineProcessorPlugin.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IOException(e);
        }
        String pkg = PipelineProcessorPlugin.class.getPackageName().replace('.', '/');
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
                "classname=" + PipelineProcessorPlugin.class.getName(),
                "java.version=17",
                "elasticsearch.version=" + esVersion, ""));
        try (OutputStream out = Files.newOutputStream(zip); ZipOutputStream z = new ZipOutputStream(out)) {
            z.putNextEntry(new ZipEntry("plugin-descriptor.properties"));
            z.write(descriptor.getBytes(StandardCharsets.UTF_8));
            z.closeEntry();
            z.putNextEntry(new ZipEntry("test-pipeline-processor.jar"));
            z.write(jar.toByteArray());
            z.closeEntry();
        }
        return zip;
    }
}
