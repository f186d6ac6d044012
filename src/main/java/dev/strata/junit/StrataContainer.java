package dev.strata.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a {@link TestContainer} field of a {@link StrataTest} class to be started before tests and
 * removed after: a static field once for the class (before its {@code @BeforeAll} methods, removed
 * after its {@code @AfterAll} ones), an instance field for each test (before its {@code @BeforeEach}
 * methods). Fields start in the order they are declared, each once its waits hold.
 */
@Target(ElementType.FIELD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface StrataContainer {
}
