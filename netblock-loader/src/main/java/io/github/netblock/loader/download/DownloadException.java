package io.github.netblock.loader.download;

import java.io.IOException;

/** A download that failed; the previously cached file, if any, is untouched. */
public class DownloadException extends IOException {
    public DownloadException(String message) {
        super(message);
    }

    public DownloadException(String message, Throwable cause) {
        super(message, cause);
    }
}
