package dev.logship.localecs.services;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The breaker's threshold as ECS documents it (the breaker itself runs in CircuitBreakerTest, over the SDK). */
class CircuitBreakerThresholdTest {
    @Test
    void thresholdIsHalfTheDesiredCountBetweenThreeAndTwoHundred() {
        assertThat(CircuitBreaker.threshold(1)).isEqualTo(3);
        assertThat(CircuitBreaker.threshold(6)).isEqualTo(3);
        assertThat(CircuitBreaker.threshold(7)).isEqualTo(4);
        assertThat(CircuitBreaker.threshold(100)).isEqualTo(50);
        assertThat(CircuitBreaker.threshold(401)).isEqualTo(200);
        assertThat(CircuitBreaker.threshold(10_000)).isEqualTo(200);
    }
}
