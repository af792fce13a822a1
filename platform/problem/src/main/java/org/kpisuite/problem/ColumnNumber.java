package org.kpisuite.problem;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.ElementType.RECORD_COMPONENT;
import static java.lang.annotation.ElementType.TYPE_USE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;
import java.math.BigDecimal;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

/**
 * A number that fits the suite's numeric columns ({@link ColumnNumbers}): at most 18 digits before the point and
 * 6 after, once trailing zeros are dropped ({@code 1.0000000} and {@code 0e999999999} fit, as the values they are;
 * {@code @Digits} counted the zeros). A larger one (9e18, 1e400) is a 400 naming the field rather than a failed INSERT.
 */
@Documented
@Constraint(validatedBy = ColumnNumber.Validator.class)
@Target({ FIELD, METHOD, PARAMETER, RECORD_COMPONENT, TYPE_USE })
@Retention(RUNTIME)
public @interface ColumnNumber {

    String message() default ColumnNumbers.REASON;

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<ColumnNumber, BigDecimal> {

        @Override
        public boolean isValid(BigDecimal value, ConstraintValidatorContext context) {
            return ColumnNumbers.fits(value);
        }
    }
}
