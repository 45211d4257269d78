package dev.sky.optimizer.catalog;

import dev.sky.core.ExitCode;
import dev.sky.core.SkyException;
import dev.sky.core.SkyPaths;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a cloud's {@code images.csv} ({@code Tag,Region,ImageId}, SkyPilot's layout). As with prices, a user's
 * {@code SKY_HOME/catalogs/<cloud>/images.csv} replaces the bundled one, and errors name file, line and column.
 */
public final class ImageCatalogLoader {
    private static final List<String> COLUMNS = List.of("Tag", "Region", "ImageId");

    private ImageCatalogLoader() {}

    public static ImageCatalog load(String cloud, Path csv) {
        try {
            return parse(cloud, Files.readAllBytes(csv), csv.toString(), csv.toString());
        } catch (NoSuchFileException e) {
            throw SkyException.invalidInput(csv + ": no such image catalog file");
        } catch (IOException e) {
            throw new SkyException(ExitCode.GENERIC, csv + ": cannot read the image catalog: " + e.getMessage(), e);
        }
    }

    public static ImageCatalog load(String cloud, InputStream in, String source) {
        try {
            return parse(cloud, in.readAllBytes(), source, source);
        } catch (IOException e) {
            throw new SkyException(ExitCode.GENERIC, source + ": cannot read the image catalog: " + e.getMessage(), e);
        }
    }

    /** The user's {@code SKY_HOME/catalogs/<cloud>/images.csv} if present, else the bundled resource. */
    public static ImageCatalog forCloud(String cloud, SkyPaths paths, ClassLoader classLoader) {
        Path user = paths.userCatalog(cloud).resolveSibling("images.csv");
        if (Files.isRegularFile(user)) {
            return load(cloud, user);
        }
        String resource = "catalogs/" + cloud + "/images.csv";
        try (InputStream in = classLoader.getResourceAsStream(resource)) {
            if (in == null) {
                return new ImageCatalog(cloud, List.of(), "none");
            }
            return parse(cloud, in.readAllBytes(), "bundled", "bundled " + resource);
        } catch (IOException e) {
            throw new SkyException(ExitCode.GENERIC, "bundled " + resource + ": cannot read: " + e.getMessage(), e);
        }
    }

    private static ImageCatalog parse(String cloud, byte[] data, String source, String shownAs) {
        CsvScanner scanner = new CsvScanner(data, shownAs);
        try {
            if (!scanner.next()) {
                throw new CatalogFormatException(1, 1, "the image catalog is empty; expected the header "
                        + String.join(",", COLUMNS));
            }
            int[] index = columns(scanner);
            List<ImageAlias> aliases = new ArrayList<>();
            while (scanner.next()) {
                if (scanner.fieldCount() != index[3]) {
                    throw new CatalogFormatException(scanner.recordLine(), 1, "expected " + index[3]
                            + " fields as in the header, found " + scanner.fieldCount());
                }
                String[] values = new String[3];
                for (int i = 0; i < 3; i++) {
                    values[i] = scanner.text(index[i]).trim();
                    if (values[i].isEmpty()) {
                        throw new CatalogFormatException(scanner.line(index[i]), scanner.column(index[i]),
                                COLUMNS.get(i) + " is empty");
                    }
                }
                aliases.add(new ImageAlias(values[0], values[1], values[2]));
            }
            return new ImageCatalog(cloud, aliases, source);
        } catch (CatalogFormatException e) {
            throw SkyException.invalidInput(shownAs + ":" + e.line() + ":" + e.column() + ": " + e.getMessage());
        }
    }

    /** Indexes of Tag, Region, ImageId, then the header's field count. */
    private static int[] columns(CsvScanner header) {
        int[] index = {-1, -1, -1, header.fieldCount()};
        for (int i = 0; i < header.fieldCount(); i++) {
            int known = COLUMNS.indexOf(header.text(i).trim());
            if (known >= 0) {
                index[known] = i;
            }
        }
        for (int i = 0; i < 3; i++) {
            if (index[i] < 0) {
                throw new CatalogFormatException(header.recordLine(), 1, "the header has no '" + COLUMNS.get(i)
                        + "' column; an image catalog needs " + String.join(", ", COLUMNS));
            }
        }
        return index;
    }
}
