package dev.sky.clouds.aws.emulator;

/**
 * An error the emulator answers with, in EC2's shape: a code, a message and the HTTP status EC2 uses for it.
 *
 * @param retryAfterSeconds a {@code Retry-After} header to send, or -1 for none
 */
final class Ec2Error extends RuntimeException {
    final String code;
    final int status;
    final long retryAfterSeconds;

    Ec2Error(int status, String code, String message, long retryAfterSeconds) {
        super(message, null, false, false);
        this.code = code;
        this.status = status;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    Ec2Error(int status, String code, String message) {
        this(status, code, message, -1);
    }

    static Ec2Error client(String code, String message) {
        return new Ec2Error(400, code, message);
    }

    static Ec2Error missing(String parameter) {
        return client("MissingParameter", "The request must contain the parameter " + parameter);
    }

    static Ec2Error invalid(String message) {
        return client("InvalidParameterValue", message);
    }

    static Ec2Error authFailure() {
        return new Ec2Error(401, "AuthFailure", "AWS was not able to validate the provided access credentials");
    }

    static Ec2Error instanceNotFound(String id) {
        return client("InvalidInstanceID.NotFound", "The instance ID '" + id + "' does not exist");
    }

    static Ec2Error insufficientCapacity(String type, String zone) {
        return new Ec2Error(500, "InsufficientInstanceCapacity", "We currently do not have sufficient " + type
                + " capacity in the Availability Zone you requested (" + zone + "). Our system will be working on"
                + " provisioning additional capacity.");
    }
}
