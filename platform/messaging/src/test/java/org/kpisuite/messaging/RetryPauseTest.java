package org.kpisuite.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class RetryPauseTest {

    @Test
    void thePauseDoublesUpToTheLongest() {
        RetryPause pause = new RetryPause(Duration.ofMillis(1), Duration.ofMillis(5));
        assertThat(pause.next()).isEqualTo(Duration.ofMillis(1));
        pause.sleep();
        assertThat(pause.next()).isEqualTo(Duration.ofMillis(2));
        pause.sleep();
        assertThat(pause.next()).isEqualTo(Duration.ofMillis(4));
        pause.sleep();
        assertThat(pause.next()).isEqualTo(Duration.ofMillis(5));
        pause.sleep();
        assertThat(pause.next()).isEqualTo(Duration.ofMillis(5));
    }

    @Test
    void aFirstPauseLongerThanTheLongestIsTheLongest() {
        assertThat(new RetryPause(Duration.ofSeconds(20), Duration.ofSeconds(4)).next()).isEqualTo(Duration.ofSeconds(4));
    }
}
