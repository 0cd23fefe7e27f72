package io.github.netblock.index.read;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Field;
import java.nio.ByteBuffer;

/**
 * Releases a mapping now instead of at some later garbage collection. Java 17 has no public API
 * for it; {@code sun.misc.Unsafe#invokeCleaner} (module jdk.unsupported) is what Lucene used on
 * the same Java versions. When it is not available the mapping is left to the collector.
 *
 * <p>Unmapping while another thread still reads the buffer crashes the JVM, which is why the
 * database is closed only when no lookup holds it (the plugin reference-counts its databases).
 */
final class Unmapper {
    private static final MethodHandle INVOKE_CLEANER = find();

    private Unmapper() {}

    private static MethodHandle find() {
        try {
            Class<?> unsafeClass = Class.forName("sun.misc.Unsafe");
            Field f = unsafeClass.getDeclaredField("theUnsafe");
            f.setAccessible(true);
            Object unsafe = f.get(null);
            return MethodHandles.lookup()
                    .findVirtual(unsafeClass, "invokeCleaner", MethodType.methodType(void.class, ByteBuffer.class))
                    .bindTo(unsafe);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    static boolean isSupported() {
        return INVOKE_CLEANER != null;
    }

    static void unmap(ByteBuffer buffer) {
        if (INVOKE_CLEANER == null || buffer == null || !buffer.isDirect()) {
            return;
        }
        try {
            INVOKE_CLEANER.invokeExact(buffer);
        } catch (Throwable t) {
            // leave it to the garbage collector
        }
    }
}
