package io.github.netblock.index.builder;

/**
 * A stable merge sort of an int array by a primitive comparator: sorting millions of block
 * indices with {@code Integer[]} and a {@code Comparator} would cost tens of bytes a block.
 */
final class IntSorter {
    private IntSorter() {}

    @FunctionalInterface
    interface IntComparator {
        int compare(int a, int b);
    }

    static void sort(int[] a, IntComparator cmp) {
        if (a.length < 2) {
            return;
        }
        int[] tmp = new int[a.length];
        int[] src = a;
        int[] dst = tmp;
        int n = a.length;
        final int run = 32;
        for (int lo = 0; lo < n; lo += run) {
            insertionSort(a, lo, Math.min(lo + run, n), cmp);
        }
        for (int width = run; width < n; width *= 2) {
            for (int lo = 0; lo < n; lo += 2 * width) {
                int mid = Math.min(lo + width, n);
                int hi = Math.min(lo + 2 * width, n);
                merge(src, dst, lo, mid, hi, cmp);
            }
            int[] t = src;
            src = dst;
            dst = t;
        }
        if (src != a) {
            System.arraycopy(src, 0, a, 0, n);
        }
    }

    private static void insertionSort(int[] a, int lo, int hi, IntComparator cmp) {
        for (int i = lo + 1; i < hi; i++) {
            int v = a[i];
            int j = i - 1;
            while (j >= lo && cmp.compare(a[j], v) > 0) {
                a[j + 1] = a[j];
                j--;
            }
            a[j + 1] = v;
        }
    }

    private static void merge(int[] src, int[] dst, int lo, int mid, int hi, IntComparator cmp) {
        if (mid >= hi || cmp.compare(src[mid - 1], src[mid]) <= 0) {
            System.arraycopy(src, lo, dst, lo, hi - lo);
            return;
        }
        int i = lo;
        int j = mid;
        for (int k = lo; k < hi; k++) {
            if (j >= hi || (i < mid && cmp.compare(src[i], src[j]) <= 0)) {
                dst[k] = src[i++];
            } else {
                dst[k] = src[j++];
            }
        }
    }
}
