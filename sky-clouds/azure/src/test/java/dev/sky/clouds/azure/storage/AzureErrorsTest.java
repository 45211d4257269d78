package dev.sky.clouds.azure.storage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sky.core.ExitCode;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import org.junit.jupiter.api.Test;

/** The translator without a server: no HTTP answer (the SDK retries before it gives up, so Azurite is not used). */
class AzureErrorsTest {
    @Test
    void noAnswerIsCannotReachInOneLine() {
        RuntimeException e = new UncheckedIOException(new ConnectException("Connection refused\nstack"));
        var s = AzureErrors.translate("http://127.0.0.1:1/acct/c", "listing objects", e);
        assertThat(s.getMessage()).isEqualTo("http://127.0.0.1:1/acct/c: listing objects: cannot reach the store:"
                + " Connection refused");
        assertThat(s.exitCode()).isEqualTo(ExitCode.GENERIC);
    }

    @Test
    void missingCredentialsNameTheVariables() {
        assertThat(AzureErrors.noCredentials("no key for storage account a").getMessage())
                .contains("AZURE_STORAGE_CONNECTION_STRING").contains("AZURE_STORAGE_KEY")
                .contains("az storage account keys list");
    }
}
