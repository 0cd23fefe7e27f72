package io.github.netblock.loader.feed;

import java.util.ArrayList;
import java.util.List;

/**
 * Counts the bad records of one feed and keeps the first few. A feed may have a few broken lines
 * (real dumps do); beyond the budget the whole feed is refused, so a broken download never
 * becomes a database.
 */
public final class ParseErrors {
    private static final int EXAMPLES = 5;
    private final String feed;
    private final long budget;
    private final List<FeedFormatException> examples = new ArrayList<>();
    private long count;

    /** @param budget how many bad records are tolerated before the feed is refused */
    public ParseErrors(String feed, long budget) {
        this.feed = feed;
        this.budget = budget;
    }

    /** Records a bad record; throws once more than {@code budget} were seen. */
    public void add(FeedFormatException e) throws FeedFormatException {
        count++;
        if (examples.size() < EXAMPLES) {
            examples.add(e);
        }
        if (count > budget) {
            throw new FeedFormatException(e.file(), e.line(), "feed " + feed + " has more than " + budget
                    + " bad records, refusing it; first: " + examples.get(0).getMessage() + "; last: " + e.getMessage());
        }
    }

    public long count() {
        return count;
    }

    public List<FeedFormatException> examples() {
        return List.copyOf(examples);
    }

    public String feed() {
        return feed;
    }
}
