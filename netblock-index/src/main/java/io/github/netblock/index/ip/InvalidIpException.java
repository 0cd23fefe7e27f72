package io.github.netblock.index.ip;

/** Thrown for text that is not an IP address, a CIDR prefix or a range; the message names the text. */
public class InvalidIpException extends IllegalArgumentException {
    private final String input;

    public InvalidIpException(String input, String reason) {
        super("invalid IP address or range [" + input + "]: " + reason);
        this.input = input;
    }

    /** The text that was rejected. */
    public String input() {
        return input;
    }
}
