#pragma once

#include "app/store/StoreTypes.h"

#include <QAbstractListModel>
#include <QCache>
#include <QHash>
#include <QImage>
#include <QList>
#include <QPointer>
#include <QSet>
#include <QUrl>

#include <memory>

class StoreReader;
class ServiceClient;

// One conversation's messages, oldest at row 0, read in pages through the StoreReader: the newest
// page loads first; fetchOlder() prepends the page before it. Pages arrive later, one at a time
// (pageLoaded()); data() reads memory only. A change notification asks the reader for that message,
// then updates its row (id -> row hash) or appends it.
// At most maxRows() stay loaded: scrolling far up drops the newest rows (fetchNewer() brings them
// back), so a page costs the same in a thread of 100 or 100,000 messages.
// A reaction is not a row of its own: its emoji shows on the message it reacts to. A reply carries
// the quoted message's author and text, read with its page. An inbound image's thumbnail is fetched
// through the service the first time its row is painted, decoded off the GUI thread and kept in a
// bounded cache.
class ThreadModel : public QAbstractListModel
{
    Q_OBJECT
public:
    enum Role
    {
        IdRole = Qt::UserRole + 1,
        DirectionRole, // MessageDirection as int
        StatusRole, // MessageStatus
        BodyRole, // the text as the customer wrote it (plain text)
        DisplayTextRole, // body plus lines for media, location, contacts, reactions
        TypeRole, // MessageType as int
        SentAtRole, // epoch ms
        TemplateNameRole,
        ErrorCodeRole,
        ErrorMessageRole, // the provider's raw message
        ErrorTitleRole, // ErrorCatalogue: short title
        ErrorAdviceRole, // ErrorCatalogue: what to do
        ProviderRole,
        DayStartsRole, // true on the first message of a calendar day: draw a separator above
        QuoteRole, // a reply: {author, first text} of the quoted message; empty otherwise
        ReactionsRole, // the customer's reaction to this message (an emoji), empty when none
        ThumbnailRole, // QImage of an inbound image once fetched; asking starts the fetch
        ThumbnailSizeRole, // QSize the thumbnail takes (a placeholder while loading); never fetches
        ThumbnailErrorRole, // why the image could not be shown
        RevisionRole, // changes whenever the row's quote, reaction or thumbnail changes
        MapUrlRole, // a location: where to open it on a map
    };
    Q_ENUM(Role)

    // `reader` must outlive the model.
    explicit ThreadModel(StoreReader* reader, QObject* parent = nullptr);
    ~ThreadModel() override;

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    // Where thumbnails come from (ServiceClient::fetchMedia); none: images show as text.
    void setService(ServiceClient* service);
    static constexpr int kThumbnailWidth = 240;
    // On a map (OpenStreetMap), for a location message.
    static QUrl mapUrl(double latitude, double longitude);

    void setPageSize(int rows);
    void setMaxRows(int rows); // default 1,000; at least three pages
    // Empties the model, then loads the newest page of the conversation (0: stays empty).
    void setConversation(qint64 conversationId);
    qint64 conversationId() const;
    // A page was asked for and has not arrived or is being put in (rows inserted, then the window
    // trimmed, then pageLoaded()); fetchOlder() and fetchNewer() wait for it.
    bool isLoading() const;

    bool hasOlder() const;
    // Asks for the page before the oldest loaded message, prepended when it arrives; false when
    // there is none to ask for or a page is still on its way.
    bool fetchOlder();
    // Newer messages were dropped from the bottom while scrolling up.
    bool hasNewer() const;
    // Asks for the page after the newest loaded message, appended when it arrives (dropping the
    // oldest beyond maxRows()).
    bool fetchNewer();
    // Back to the newest page, when newer messages were dropped (the rows stay until it arrives).
    void showNewest();
    // The store committed a change to this message: update its row, or append it if it is new here.
    // The row comes as a value: nothing is read again.
    void messageChanged(const StoredMessage& message);

    int rowOf(qint64 messageId) const;
    StoredMessage messageAt(int row) const;

signals:
    // A page asked for is in (setConversation, fetchOlder, fetchNewer, showNewest): `rows` rows came.
    void pageLoaded(int rows);
    void loadFailed(const QString& message);

private:
    enum class ThumbnailState
    {
        Loading,
        Ready,
        Failed,
    };

    // Takes a page's reactions out (onto their targets) and gives back the rows to show.
    QList<StoredMessage> absorb(const QList<StoredMessage>& page);
    // A reaction arrived for a loaded or not yet loaded message; true when it changed something.
    bool applyReaction(const StoredMessage& reaction);
    // applyReaction(), then redraws the target when it is loaded.
    void showReaction(const StoredMessage& reaction);
    void loadNewest();
    void requestOlder();
    void requestNewer();
    // A read failed: say so, and stop waiting for it.
    void pageFailed(const char* what, const Error& error);
    void applyChange(const StoredMessage& fresh);
    void startThumbnail(qint64 id) const;
    void thumbnailDone(qint64 id, const QImage& image, const QString& error);
    void touch(qint64 id); // the row's look changed: a new revision and dataChanged
    void rebuildIndex();
    // Drops rows beyond maxRows() from the end (fromEnd) or from the start.
    void trim(bool fromEnd);
    bool dayStarts(int row) const;

    StoreReader* m_reader;
    // Bumped by every reload: answers asked for before it are about rows no longer shown.
    quint64 m_generation = 0;
    bool m_loading = false;
    QList<StoredMessage> m_rows;
    QHash<qint64, int> m_rowById;
    qint64 m_conversationId = 0;
    int m_pageSize = 50;
    int m_maxRows = 1000;
    bool m_hasOlder = false;
    bool m_hasNewer = false;
    // Keyset cursors: the oldest and newest message read, reactions included (0: use the rows).
    qint64 m_oldestLoadedId = 0;
    qint64 m_newestLoadedId = 0;
    QHash<QString, int> m_rowByProviderId;
    struct Reaction
    {
        qint64 id = 0; // the reaction message: a later one wins
        QString emoji;
    };
    QHash<QString, Reaction> m_reactions; // target provider id -> the customer's latest reaction
    QHash<qint64, int> m_revisions;
    QPointer<ServiceClient> m_service;
    mutable QHash<qint64, ThumbnailState> m_thumbnailState;
    QHash<qint64, QString> m_thumbnailErrors;
    QHash<qint64, QSize> m_thumbnailSizes;
    mutable QCache<qint64, QImage> m_thumbnails; // cost: bytes
};

namespace ThreadText
{
// What a message shows as text: the body, then a line per media, location, contact or reaction.
QString displayText(const StoredMessage& message);
// Who wrote it, for a quote: "You", or the customer's name or number.
QString author(const StoredMessage& message);
// A reply's quote: {author, first line of the quoted message}; empty when it is not a reply.
QStringList quote(const StoredMessage& reply);
} // namespace ThreadText
