package dev.logship.fluentbit;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks a test class or method that runs the real Fluent Bit: skipped (and counted in the build's
 * skip line) where {@link FluentBitBinary} finds none, unless LOGSHIP_REQUIRE_FLUENT_BIT=1.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(FluentBitCondition.class)
public @interface RequiresFluentBit {}
