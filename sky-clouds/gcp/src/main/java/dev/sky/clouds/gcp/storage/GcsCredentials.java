package dev.sky.clouds.gcp.storage;

import com.google.api.client.http.javanet.NetHttpTransport;
import com.google.auth.http.HttpTransportFactory;
import com.google.auth.oauth2.AccessToken;
import com.google.auth.oauth2.CredentialAccessBoundary;
import com.google.auth.oauth2.DownscopedCredentials;
import com.google.auth.oauth2.GoogleCredentials;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.util.List;

/**
 * Loads application default credentials from the configured file (never a metadata server), and mints
 * bucket-scoped access tokens through STS with a Credential Access Boundary, for the nodes' rclone.
 */
final class GcsCredentials {
    static final String CLOUD_PLATFORM = "https://www.googleapis.com/auth/cloud-platform";
    private static final String GOOGLE_STS = "https://sts.googleapis.com/v1/token";

    private GcsCredentials() {}

    static GoogleCredentials load(GcsStoreConfig config) {
        try (InputStream in = Files.newInputStream(config.credentialsFile())) {
            return GoogleCredentials.fromStream(in).createScoped(List.of(CLOUD_PLATFORM));
        } catch (NoSuchFileException e) {
            throw GcsErrors.credentials("no application default credentials at " + config.credentialsFile());
        } catch (IOException | RuntimeException e) {
            // The parser's message can quote the file; say only which file and what kind of failure.
            throw GcsErrors.credentials("cannot use the credentials in " + config.credentialsFile() + " ("
                    + e.getClass().getSimpleName() + ")");
        }
    }

    /**
     * A short-lived token that can read, write and delete objects in {@code bucket} only: no other bucket, and no
     * bucket-level operation (create, delete, IAM). It expires with the source token, in at most an hour.
     */
    static AccessToken scopedTo(GoogleCredentials source, String bucket, String stsEndpoint) throws IOException {
        CredentialAccessBoundary boundary = CredentialAccessBoundary.newBuilder()
                .addRule(CredentialAccessBoundary.AccessBoundaryRule.newBuilder()
                        .setAvailableResource("//storage.googleapis.com/projects/_/buckets/" + bucket)
                        .addAvailablePermission("inRole:roles/storage.objectAdmin")
                        .build())
                .build();
        DownscopedCredentials.Builder b = DownscopedCredentials.newBuilder()
                .setSourceCredential(source)
                .setCredentialAccessBoundary(boundary);
        if (stsEndpoint != null) {
            b.setHttpTransportFactory(redirectSts(stsEndpoint));
        }
        return b.build().refreshAccessToken();
    }

    /** The STS URL is fixed in the auth library; this sends its requests to the configured endpoint instead. */
    private static HttpTransportFactory redirectSts(String stsEndpoint) {
        NetHttpTransport transport = new NetHttpTransport.Builder().setConnectionFactory(url -> {
            URL target = url.toString().equals(GOOGLE_STS) ? new URL(stsEndpoint) : url;
            return (HttpURLConnection) target.openConnection();
        }).build();
        return () -> transport;
    }
}
