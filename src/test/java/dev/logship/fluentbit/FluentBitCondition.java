package dev.logship.fluentbit;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Skips a {@link RequiresFluentBit} test without the binary. When the binary is required the test
 * runs anyway and {@link FluentBitBinary#require()} fails it, so CI never passes on a skip.
 */
public final class FluentBitCondition implements ExecutionCondition {
    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        if (FluentBitBinary.required() || FluentBitBinary.find().isPresent()) {
            return ConditionEvaluationResult.enabled("the real Fluent Bit is here (or required)");
        }
        return ConditionEvaluationResult.disabled(FluentBitBinary.MISSING);
    }
}
