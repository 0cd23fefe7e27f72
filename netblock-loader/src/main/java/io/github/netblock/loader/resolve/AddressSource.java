package io.github.netblock.loader.resolve;

import io.github.netblock.index.ip.IpAddress;
import java.io.IOException;

/** Where the addresses to resolve come from: a file or access log, or Elasticsearch. Streams; keeps nothing. */
public interface AddressSource {
    /** Receives the addresses, and a message for each input it could not read. */
    interface Sink {
        void address(IpAddress address);

        /** An input that is no address, "FILE:LINE: ..." with the value; counted, not fatal. */
        void bad(String message);
    }

    /** What the source is, for messages: "access.log", "http://127.0.0.1:9200 logs-* (source.ip, last 24h)". */
    String describe();

    void read(Sink sink) throws IOException;
}
