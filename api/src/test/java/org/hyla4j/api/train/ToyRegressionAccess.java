package org.hyla4j.api.train;

/** Opens the toy task to tests in other packages. */
public class ToyRegressionAccess extends ToyRegression {
}
