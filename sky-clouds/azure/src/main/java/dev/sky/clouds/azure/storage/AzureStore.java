package dev.sky.clouds.azure.storage;

import com.azure.core.http.jdk.httpclient.JdkHttpClientBuilder;
import com.azure.storage.blob.BlobClient;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobServiceClient;
import com.azure.storage.blob.BlobServiceClientBuilder;
import com.azure.storage.blob.models.BlobErrorCode;
import com.azure.storage.blob.models.BlobHttpHeaders;
import com.azure.storage.blob.models.BlobItem;
import com.azure.storage.blob.models.BlobStorageException;
import com.azure.storage.blob.models.ListBlobsOptions;
import com.azure.storage.blob.options.BlobUploadFromFileOptions;
import com.azure.storage.blob.sas.BlobContainerSasPermission;
import com.azure.storage.blob.sas.BlobServiceSasSignatureValues;
import com.azure.storage.common.StorageSharedKeyCredential;
import com.azure.storage.common.policy.RequestRetryOptions;
import com.azure.storage.common.policy.RetryPolicyType;
import com.azure.storage.common.sas.SasProtocol;
import dev.sky.core.ExitCode;
import dev.sky.core.SkyException;
import dev.sky.provision.storage.spi.ObjectStore;
import dev.sky.provision.storage.spi.RcloneRemote;
import dev.sky.provision.storage.spi.RemoteObject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Azure Blob Storage on the JDK HTTP client; a container is the bucket. The client is built on first use, so
 * opening a store contacts nothing. Uploads carry the file's MD5, which Azure keeps and lists back.
 */
final class AzureStore implements ObjectStore {
    /** How long a node's container SAS lasts: a long job outlives a day, and the SAS reaches one container only. */
    static final Duration SAS_VALIDITY = Duration.ofDays(7);

    private final AzureStoreConfig config;
    private BlobServiceClient client;

    AzureStore(AzureStoreConfig config) {
        this.config = config;
    }

    private synchronized BlobServiceClient blobs() {
        if (client == null) {
            if (config.account() == null || config.endpoint() == null) {
                throw AzureErrors.noCredentials("no storage account is set");
            }
            boolean hasSecret = config.accountKey() != null || config.sasToken() != null;
            if (hasSecret && config.credentialAccount() != null && !config.credentialAccount().equals(config.account())) {
                throw SkyException.invalidInput("azure: the configured credential (" + config.source() + ") is for"
                        + " storage account '" + config.credentialAccount() + "', not '" + config.account() + "'.");
            }
            BlobServiceClientBuilder b = new BlobServiceClientBuilder()
                    .endpoint(config.endpoint())
                    .httpClient(new JdkHttpClientBuilder().build())
                    .retryOptions(new RequestRetryOptions(RetryPolicyType.EXPONENTIAL, 3, (Integer) null, null, null,
                            null));
            if (config.accountKey() != null) {
                b.credential(new StorageSharedKeyCredential(config.account(), config.accountKey()));
            } else if (config.sasToken() != null) {
                b.sasToken(config.sasToken());
            } else {
                throw AzureErrors.noCredentials("no key for storage account " + config.account());
            }
            client = b.buildClient();
        }
        return client;
    }

    private BlobContainerClient container(String name) {
        return blobs().getBlobContainerClient(name);
    }

    @Override
    public boolean bucketExists(String bucket) {
        AzureContainerNames.check(bucket);
        return call(bucket, "checking the container", () -> container(bucket).exists());
    }

    /** Containers belong to one account, so an existing one is ours. Azure places data by account: no region. */
    @Override
    public void createBucket(String bucket, String region) {
        AzureContainerNames.check(bucket);
        call(bucket, "creating the container", () -> {
            try {
                container(bucket).create();
            } catch (BlobStorageException e) {
                if (!BlobErrorCode.CONTAINER_ALREADY_EXISTS.equals(e.getErrorCode())) {
                    throw e;
                }
            }
            return null;
        });
    }

    /** Azure deletes a container with its blobs; a missing one is success. */
    @Override
    public void deleteBucket(String bucket) {
        call(bucket, "deleting the container", () -> container(bucket).deleteIfExists());
    }

    @Override
    public Map<String, RemoteObject> list(String bucket, String prefix) {
        return call(bucket, "listing objects", () -> {
            Map<String, RemoteObject> out = new LinkedHashMap<>();
            String p = prefix == null || prefix.isEmpty() ? null : prefix.endsWith("/") ? prefix : prefix + "/";
            ListBlobsOptions options = new ListBlobsOptions().setPrefix(p).setMaxResultsPerPage(5000);
            for (BlobItem item : container(bucket).listBlobs(options, null)) {
                byte[] md5 = item.getProperties().getContentMd5();
                out.put(item.getName(), new RemoteObject(item.getName(), item.getProperties().getContentLength(),
                        md5 == null ? null : HexFormat.of().formatHex(md5)));
            }
            return out;
        });
    }

    @Override
    public void upload(String bucket, String key, Path file) {
        call(bucket, "uploading " + key, () -> {
            BlobHttpHeaders headers = new BlobHttpHeaders().setContentMd5(md5(file));
            container(bucket).getBlobClient(key).uploadFromFileWithResponse(
                    new BlobUploadFromFileOptions(file.toString()).setHeaders(headers), null, null);
            return null;
        });
    }

    @Override
    public void download(String bucket, String key, Path target) {
        call(bucket, "downloading " + key, () -> {
            try {
                Files.createDirectories(target.toAbsolutePath().getParent());
                Path tmp = target.resolveSibling(target.getFileName() + ".sky-part");
                Files.deleteIfExists(tmp);
                container(bucket).getBlobClient(key).downloadToFile(tmp.toString(), true);
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                return null;
            } catch (IOException e) {
                throw new SkyException(ExitCode.GENERIC, uri(bucket) + ": downloading " + key + ": "
                        + e.getMessage());
            }
        });
    }

    @Override
    public void deleteObject(String bucket, String key) {
        call(bucket, "deleting " + key, () -> container(bucket).getBlobClient(key).deleteIfExists());
    }

    @Override
    public String endpoint() {
        return config.endpoint();
    }

    /**
     * rclone settings holding a SAS URL for this one container (read, add, create, write, delete, list), signed with
     * the account key and valid for {@link #SAS_VALIDITY}; the key itself never leaves this machine.
     */
    @Override
    public RcloneRemote rcloneRemote(String bucket) {
        if (config.accountKey() == null) {
            throw AzureErrors.noCredentials("a container-scoped SAS for the nodes needs the account key, and only a"
                    + " SAS token is configured");
        }
        String sas = call(bucket, "signing a container SAS", () -> {
            BlobContainerSasPermission perms = BlobContainerSasPermission.parse("racwdl");
            BlobServiceSasSignatureValues values = new BlobServiceSasSignatureValues(
                    OffsetDateTime.now().plus(SAS_VALIDITY), perms)
                    .setStartTime(OffsetDateTime.now().minusMinutes(5))
                    .setProtocol(config.endpoint().startsWith("https:") ? SasProtocol.HTTPS_ONLY
                            : SasProtocol.HTTPS_HTTP);
            return container(bucket).generateSas(values);
        });
        Map<String, String> o = new LinkedHashMap<>();
        o.put("sas_url", AzureBlobUris.url(config, bucket, null) + "?" + sas);
        return new RcloneRemote("azureblob", o);
    }

    @Override
    public synchronized void close() {
        client = null; // The JDK HTTP client holds no thread or socket that outlives its requests.
    }

    private <T> T call(String bucket, String what, Supplier<T> work) {
        try {
            return work.get();
        } catch (SkyException e) {
            throw e;
        } catch (RuntimeException e) {
            throw AzureErrors.translate(uri(bucket), what, e);
        }
    }

    private String uri(String bucket) {
        return config.endpoint() == null ? "azure://" + bucket : AzureBlobUris.url(config, bucket, null);
    }

    private static byte[] md5(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest d = MessageDigest.getInstance("MD5");
            byte[] buf = new byte[64 * 1024];
            for (int n; (n = in.read(buf)) > 0; ) {
                d.update(buf, 0, n);
            }
            return d.digest();
        } catch (IOException e) {
            throw new SkyException(ExitCode.GENERIC, "cannot read " + file + ": " + e.getMessage());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
