#pragma once

#include "app/store/StoreTypes.h"
#include "ui/thread/ThreadText.h"
#include "ui/thread/ThumbnailCache.h"

#include <QAbstractListModel>
#include <QHash>
#include <QList>
#include <QUrl>

class StoreReader;
class ServiceClient;
class ThreadPager;

// The Qt model over a ThreadPager (the window of rows and its pages), ThreadText (the words) and a
// ThumbnailCache (the pictures).
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
        AgentRole, // outbound, team mode: the agent who wrote it; empty for the HTTP API and alone
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
    static constexpr int kThumbnailWidth = ThumbnailCache::kWidth;
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
    // A reaction was read: it shows on its target, redrawn when `live` and the target is loaded.
    void applyReaction(const StoredMessage& reaction, bool live);
    void touch(qint64 id); // the row's look changed: a new revision and dataChanged
    bool dayStarts(int row) const;
    const QList<StoredMessage>& rows() const;

    ThreadPager* m_pager;
    ThumbnailCache* m_thumbnails;
    bool m_showsAgents = false;
    struct Reaction
    {
        qint64 id = 0; // the reaction message: a later one wins
        QString emoji;
    };
    QHash<QString, Reaction> m_reactions; // target provider id -> the customer's latest reaction
    QHash<qint64, int> m_revisions;
};
