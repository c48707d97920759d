#pragma once

#include <QString>

#include <chrono>
#include <optional>
#include <tl/expected.hpp>

// What went wrong, in a form every layer can act on. The message is safe to show and to log:
// it never holds a secret.
struct Error
{
    enum class Kind
    {
        Validation, // our own input check refused it (see `field`)
        Configuration, // missing or malformed settings
        Authentication, // the provider refused our credentials
        InvalidRecipient, // the number is not on WhatsApp or not valid
        OutsideWindow, // more than 24 h since the customer wrote: a template is needed
        TemplateMismatch, // unknown template, wrong language or parameters
        RateLimited, // the provider asks us to slow down
        ServerError, // the provider failed (5xx)
        Timeout, // no answer in time; the outcome of a send is unknown
        Network, // could not reach the provider
        Permanent, // any other refusal that a retry will not fix
    };

    Kind kind = Kind::Permanent;
    QString code; // provider's own ("131047", "63016") or ours ("config.missing")
    QString message; // provider's own message, or ours in plain words
    QString field; // the offending input, when there is one
    int httpStatus = 0;
    bool retryable = false;
    std::optional<std::chrono::seconds> retryAfter;

    static Error validation(const QString& field, const QString& message)
    {
        Error e;
        e.kind = Kind::Validation;
        e.code = QStringLiteral("invalid_") + field;
        e.field = field;
        e.message = message;
        return e;
    }
};

template <typename T>
using Result = tl::expected<T, Error>;

using Unexpected = tl::unexpected<Error>;
