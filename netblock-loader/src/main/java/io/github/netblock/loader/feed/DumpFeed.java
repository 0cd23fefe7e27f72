package io.github.netblock.loader.feed;

import java.nio.charset.Charset;
import java.nio.file.Path;
import java.util.List;

/**
 * What the feeds of registry dump files share (RPSL, ARIN's bulk text): a source name, the files in
 * their charset, the error budget, and records (not ranges) as what they give.
 */
public abstract class DumpFeed implements Feed {
    protected final String source;
    protected final Charset charset;
    protected final List<Path> files;
    protected final ParseErrors errors;

    protected DumpFeed(String source, Charset charset, List<Path> files, ParseErrors errors) {
        this.source = source;
        this.charset = charset;
        this.files = List.copyOf(files);
        this.errors = errors;
    }

    @Override
    public String name() {
        return source;
    }

    @Override
    public Gives gives() {
        return Gives.RECORDS;
    }

    @Override
    public List<Path> files() {
        return files;
    }

    @Override
    public ParseErrors errors() {
        return errors;
    }
}
