package dev.strata.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks a test class whose {@link StrataContainer} fields {@link StrataExtension} starts and removes.
 * The store is {@link #root()} if given, else the system property {@value StrataExtension#ROOT_PROPERTY},
 * else Strata's default store; its storage driver {@link #storageDriver()} if given, else the system
 * property {@value StrataExtension#DRIVER_PROPERTY}, else automatic.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(StrataExtension.class)
public @interface StrataTest {
    /** The store's directory; empty for the property or the default. */
    String root() default "";

    /** {@code overlay2} or {@code vfs}; empty for the property or automatic. */
    String storageDriver() default "";
}
