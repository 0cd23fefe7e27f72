package io.github.netblock.benchmarks.synthetic;

import java.util.Arrays;
import java.util.SplittableRandom;

/** Draws ranks 0..n-1 with Zipf(1.0) weights: a few very busy attackers, a long tail of rare ones. */
public final class Zipf {
    private final double[] cdf;
    private final double sum;

    public Zipf(int n) {
        cdf = new double[n];
        double s = 0;
        for (int k = 0; k < n; k++) {
            s += 1.0 / (k + 1);
            cdf[k] = s;
        }
        sum = s;
    }

    /** The next rank, 0 the most frequent. */
    public int next(SplittableRandom rnd) {
        int k = Arrays.binarySearch(cdf, rnd.nextDouble() * sum);
        return k < 0 ? Math.min(-k - 1, cdf.length - 1) : k;
    }
}
