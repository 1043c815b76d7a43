package dev.logship.sync;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CallBudgetTest {
    @Test
    void onlyAFullBucketHasSpareTokensForCleanUp() {
        assertThat(new CallBudget(18, 18).spare()).isTrue();
        assertThat(new CallBudget(17, 18).spare()).isFalse(); // an apply took a token: what is left is the applies'
        assertThat(new CallBudget(0, 18).spare()).isFalse();
        assertThat(new CallBudget(1, 1).spare()).isTrue();
        assertThat(new CallBudget(0, 1).spare()).isFalse();
    }

    @Test
    void anAdapterThatDoesNotPaceAlwaysHasSpareBudget() {
        assertThat(CallBudget.UNLIMITED.spare()).isTrue();
        assertThat(CallBudget.UNLIMITED.reserve()).isZero();
    }
}
