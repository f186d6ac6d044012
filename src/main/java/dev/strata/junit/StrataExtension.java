package dev.strata.junit;

import dev.strata.embed.StorageDriver;
import dev.strata.embed.Strata;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * The JUnit Jupiter extension behind {@link StrataTest}: opens the store before a test class, starts
 * its {@link StrataContainer} fields (static ones once for the class, instance ones for each test),
 * removes them after, and closes the store after the class, which removes anything the class's
 * containers left. No daemon and no reaper container: the test process owns its containers, and if it
 * is killed, the next {@link Strata#open} of the store removes them. A test method, constructor or
 * lifecycle method may take the {@link Strata} as a parameter.
 *
 * <p>Nested test classes share their enclosing class's store.
 */
public final class StrataExtension
        implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback, ParameterResolver {
    /** The system property naming the store's directory when {@link StrataTest#root()} does not. */
    public static final String ROOT_PROPERTY = "strata.root";
    /** The system property naming the storage driver when {@link StrataTest#storageDriver()} does not. */
    public static final String DRIVER_PROPERTY = "strata.storageDriver";

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(StrataExtension.class);
    private static final String STRATA = "strata";

    /** What one context started, to remove when it ends. */
    private record Started(List<TestContainer> containers) {
    }

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        ExtensionContext.Store store = context.getStore(NAMESPACE);
        if (store.get(STRATA, Strata.class) == null) {
            // this class opens the store (an enclosing one has not) and closes it
            store.put(STRATA, open(context.getRequiredTestClass()));
            store.put(opener(context), Boolean.TRUE);
        }
        start(context, null);
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        ExtensionContext.Store store = context.getStore(NAMESPACE);
        try {
            stop(context);
        } finally {
            if (store.remove(opener(context)) != null) {
                Strata strata = store.remove(STRATA, Strata.class);
                if (strata != null) {
                    strata.close();
                }
            }
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) throws IOException {
        List<Object> instances = context.getRequiredTestInstances().getAllInstances();
        start(context, instances);
    }

    @Override
    public void afterEach(ExtensionContext context) throws IOException {
        stop(context);
    }

    private static String opener(ExtensionContext context) {
        return "opened-by:" + context.getUniqueId();
    }

    private static Strata open(Class<?> testClass) throws IOException {
        StrataTest settings = findSettings(testClass);
        String root = settings != null && !settings.root().isEmpty() ? settings.root() : System.getProperty(ROOT_PROPERTY, "");
        String driver = settings != null && !settings.storageDriver().isEmpty() ? settings.storageDriver()
                : System.getProperty(DRIVER_PROPERTY, "");
        Strata.Builder builder = Strata.builder();
        if (!root.isEmpty()) {
            builder.root(Path.of(root));
        }
        if (!driver.isEmpty()) {
            builder.storageDriver(driver(driver));
        }
        return builder.open();
    }

    private static StrataTest findSettings(Class<?> testClass) {
        for (Class<?> c = testClass; c != null; c = c.getEnclosingClass()) {
            StrataTest settings = c.getAnnotation(StrataTest.class);
            if (settings != null) {
                return settings;
            }
        }
        return null;
    }

    private static StorageDriver driver(String name) {
        try {
            return StorageDriver.valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException unknown) {
            throw new ExtensionConfigurationException("unknown storage driver \"" + name + "\": overlay2 or vfs");
        }
    }

    /**
     * Starts the {@link StrataContainer} fields: the static ones of the test class when {@code instances}
     * is null, else the instance fields of each instance (outermost first, for nested classes).
     */
    private static void start(ExtensionContext context, List<Object> instances) throws IOException {
        Strata strata = context.getStore(NAMESPACE).get(STRATA, Strata.class);
        List<TestContainer> started = new ArrayList<>();
        context.getStore(NAMESPACE).put(startedKey(context), new Started(started));
        if (instances == null) {
            for (Field field : fields(context.getRequiredTestClass(), true)) {
                started.add(startField(strata, field, null));
            }
            return;
        }
        for (Object instance : instances) {
            for (Field field : fields(instance.getClass(), false)) {
                started.add(startField(strata, field, instance));
            }
        }
    }

    private static TestContainer startField(Strata strata, Field field, Object instance) throws IOException {
        TestContainer container;
        try {
            field.setAccessible(true);
            container = (TestContainer) field.get(instance);
        } catch (IllegalAccessException | RuntimeException e) {
            throw new ExtensionConfigurationException("cannot read @StrataContainer field " + field + ": " + e, e);
        }
        if (container == null) {
            throw new ExtensionConfigurationException("@StrataContainer field " + field + " is null");
        }
        container.start(strata);
        return container;
    }

    /** Removes what {@link #start} started in this context, the last started first. */
    private static void stop(ExtensionContext context) throws IOException {
        Started started = context.getStore(NAMESPACE).remove(startedKey(context), Started.class);
        if (started != null) {
            stopEach(started.containers().iterator());
        }
    }

    /** Stops each one by try-with-resources: none stops the rest, a later failure is suppressed into the first. */
    private static void stopEach(java.util.Iterator<TestContainer> containers) throws IOException {
        if (containers.hasNext()) {
            TestContainer container = containers.next();
            try (java.io.Closeable stopping = container::stop) {
                stopEach(containers);
            }
        }
    }

    private static String startedKey(ExtensionContext context) {
        return "started:" + context.getUniqueId();
    }

    /** The {@link StrataContainer} fields of {@code type} and its superclasses, superclass fields first, in declaration order. */
    private static List<Field> fields(Class<?> type, boolean statics) {
        List<Field> out = new ArrayList<>();
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            List<Field> own = new ArrayList<>();
            for (Field field : c.getDeclaredFields()) {
                if (!field.isAnnotationPresent(StrataContainer.class) || Modifier.isStatic(field.getModifiers()) != statics) {
                    continue;
                }
                if (field.getType() != TestContainer.class) {
                    throw new ExtensionConfigurationException("@StrataContainer field " + field
                            + " must be of type TestContainer, not " + field.getType().getSimpleName());
                }
                own.add(field);
            }
            out.addAll(0, own);
        }
        return out;
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == Strata.class;
    }

    @Override
    public Strata resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Strata strata = context.getStore(NAMESPACE).get(STRATA, Strata.class);
        if (strata == null) {
            throw new ExtensionConfigurationException("no Strata store is open for " + context.getDisplayName());
        }
        return strata;
    }
}
