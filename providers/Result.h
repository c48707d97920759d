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
        Unauthorized, // the caller of our API sent no valid credentials
        Authentication, // the provider refused our credentials, or a webhook's signature is wrong
        InvalidRecipient, // the number is not on WhatsApp or not valid
        OutsideWindow, // more than 24 h since the customer wrote: a template is needed
        TemplateMismatch, // unknown template, wrong language or parameters
        NotFound, // no such route, message or webhook
        Conflict, // the thing exists but is in a state that forbids this (resend a read message)
        UnsupportedMediaType, // a request body in a format we do not read
        RateLimited, // the provider asks us to slow down
        Unavailable, // not now: shutting down, or the store is closed; try again later
        Internal, // our own failure (the database); nothing the caller did
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

    // Every layer builds its errors here, so a kind always comes with the same shape.
    static Error make(Kind kind, const QString& code, const QString& message, const QString& field = {})
    {
        Error e;
        e.kind = kind;
        e.code = code;
        e.message = message;
        e.field = field;
        e.retryable = kind == Kind::Unavailable || kind == Kind::Internal;
        return e;
    }
    static Error validation(const QString& field, const QString& message)
    {
        return make(Kind::Validation, QStringLiteral("invalid_") + field, message, field);
    }
    // A free-form message to a customer who has not written in the last 24 hours.
    static Error outsideWindow()
    {
        return make(Kind::OutsideWindow,
                    QStringLiteral("outside_window"),
                    QStringLiteral("More than 24 hours have passed since this customer last wrote (or they never "
                                   "have): WhatsApp only accepts an approved template now. Send a template instead."),
                    QStringLiteral("to"));
    }
    static Error configuration(const QString& field, const QString& code, const QString& message)
    {
        return make(Kind::Configuration, code, message, field);
    }
    static Error unauthorized(const QString& message)
    {
        return make(Kind::Unauthorized, QStringLiteral("unauthorized"), message);
    }
    static Error notFound(const QString& code, const QString& message, const QString& field = {})
    {
        return make(Kind::NotFound, code, message, field);
    }
    static Error conflict(const QString& code, const QString& message, const QString& field = {})
    {
        return make(Kind::Conflict, code, message, field);
    }
    static Error unavailable(const QString& code, const QString& message)
    {
        return make(Kind::Unavailable, code, message);
    }
    static Error internal(const QString& code, const QString& message)
    {
        return make(Kind::Internal, code, message);
    }
};

template <typename T>
using Result = tl::expected<T, Error>;

using Unexpected = tl::unexpected<Error>;
