package io.github.netblock.loader.feed.csv;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import io.github.netblock.ingest.core.text.Printable;
import io.github.netblock.loader.feed.FeedFiles;
import io.github.netblock.loader.feed.FeedFormatException;
import java.io.Closeable;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.Charset;
import java.nio.file.Path;

/**
 * RFC 4180 records of a (possibly gzipped) CSV feed with the line each record starts on, for
 * error messages. Quoted fields may hold commas, doubled quotes and line breaks.
 */
public final class CsvRecords implements Closeable {
    private static final CsvMapper MAPPER = CsvMapper.builder().enable(CsvParser.Feature.WRAP_AS_ARRAY)
            .enable(CsvParser.Feature.TRIM_SPACES).build();

    private final Path file;
    private final Reader reader;
    private final MappingIterator<String[]> records;
    private long line = 1;
    private long recordLine;

    private CsvRecords(Path file, Reader reader, MappingIterator<String[]> records) {
        this.file = file;
        this.reader = reader;
        this.records = records;
    }

    public static CsvRecords open(Path file, Charset charset) throws IOException {
        Reader reader = FeedFiles.reader(file, charset);
        try {
            MappingIterator<String[]> it = MAPPER.readerFor(String[].class).with(CsvSchema.emptySchema()).readValues(reader);
            return new CsvRecords(file, reader, it);
        } catch (IOException | RuntimeException e) {
            reader.close();
            throw new FeedFormatException(file, 1, "cannot read as " + charset + " CSV: " + Printable.value(e));
        }
    }

    /** The next record, or null at the end. */
    public String[] next() throws IOException {
        try {
            if (!records.hasNextValue()) {
                return null;
            }
            recordLine = line;
            String[] r = records.nextValue();
            // the parser now stands at the start of the line after the record
            line = records.getParser().currentLocation().getLineNr();
            return r;
        } catch (RuntimeException | IOException e) {
            throw new FeedFormatException(file, line, "not valid CSV: " + Printable.value(e));
        }
    }

    /** The line the last record started on (1-based). */
    public long line() {
        return recordLine;
    }

    public Path file() {
        return file;
    }

    public FeedFormatException error(String message) {
        return new FeedFormatException(file, recordLine, message);
    }

    @Override
    public void close() throws IOException {
        records.close();
        reader.close();
    }
}
