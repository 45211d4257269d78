package dev.sky.clouds.gcp.storage;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.api.client.http.HttpHeaders;
import com.google.api.client.http.HttpResponseException;
import com.google.cloud.storage.StorageException;
import dev.sky.core.ExitCode;
import dev.sky.core.SkyException;
import java.io.IOException;
import java.net.ConnectException;
import org.junit.jupiter.api.Test;

/**
 * The translator on the cases the emulator cannot produce cheaply: no HTTP answer at all (the SDK would retry for
 * its full deadline first), and a token endpoint that refuses the grant below a code-less StorageException.
 */
class GcsErrorsTest {
    @Test
    void noAnswerIsCannotReachInOneLine() {
        StorageException e = new StorageException(0, "Connection refused\n at ...",
                new ConnectException("Connection refused (Connection refused)\nmore"));
        SkyException s = GcsErrors.translate("gs://b", "listing objects", e);
        assertThat(s.getMessage()).isEqualTo("gs://b: listing objects: cannot reach the store: Connection refused"
                + " (Connection refused)");
        assertThat(s.exitCode()).isEqualTo(ExitCode.GENERIC);
    }

    @Test
    void refusedTokenGrantIsAnAuthError() {
        HttpResponseException refused = new HttpResponseException.Builder(400, "Bad Request", new HttpHeaders())
                .setContent("{\"error\":\"invalid_grant\"}").build();
        StorageException e = new StorageException(0, "Error getting access token", new IOException("refresh", refused));
        assertThat(GcsErrors.translate("gs://b", "checking the bucket", e).getMessage())
                .contains("the credentials were refused").doesNotContain("invalid_grant");
    }

    @Test
    void statusCodesMapToExitCodes() {
        assertThat(GcsErrors.translate("gs://b", "x", new StorageException(404, "nf")).exitCode())
                .isEqualTo(ExitCode.NOT_FOUND_OR_WRONG_STATE);
        assertThat(GcsErrors.translate("gs://b", "x", new StorageException(409, "c")).exitCode())
                .isEqualTo(ExitCode.INVALID_INPUT);
        SkyException other = GcsErrors.translate("gs://b", "x", new StorageException(503, "backend", "backendError",
                null));
        assertThat(other.getMessage()).isEqualTo("gs://b: x: failed (HTTP 503, backendError).");
    }
}
