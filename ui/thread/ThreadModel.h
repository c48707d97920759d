#pragma once

#include "app/store/StoreTypes.h"

#include <QAbstractListModel>
#include <QHash>
#include <QList>

#include <memory>

class MessageReader;

// One conversation's messages, oldest at row 0. The newest page loads first; fetchOlder() prepends
// the page before it. A change notification updates one row (id -> row hash) or appends a new one.
// At most maxRows() stay loaded: scrolling far up drops the newest rows (fetchNewer() brings them
// back), so a page costs the same in a thread of 100 or 100,000 messages.
class ThreadModel : public QAbstractListModel
{
    Q_OBJECT
public:
    enum Role
    {
        IdRole = Qt::UserRole + 1,
        DirectionRole,     // MessageDirection as int
        StatusRole,        // MessageStatus
        BodyRole,          // the text as the customer wrote it (plain text)
        DisplayTextRole,   // body plus lines for media, location, contacts, reactions
        TypeRole,          // MessageType as int
        SentAtRole,        // epoch ms
        TemplateNameRole,
        ErrorCodeRole,
        ErrorMessageRole,  // the provider's raw message
        ErrorTitleRole,    // ErrorCatalogue: short title
        ErrorAdviceRole,   // ErrorCatalogue: what to do
        ProviderRole,
        DayStartsRole,     // true on the first message of a calendar day: draw a separator above
    };
    Q_ENUM(Role)

    explicit ThreadModel(const QString& databasePath, QObject* parent = nullptr);
    ~ThreadModel() override;

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    void setPageSize(int rows);
    void setMaxRows(int rows); // default 1,000; at least three pages
    // Loads the newest page of the conversation (0: empty).
    void setConversation(qint64 conversationId);
    qint64 conversationId() const;

    bool hasOlder() const;
    // Prepends the page before the oldest loaded message; returns how many rows came.
    int fetchOlder();
    // Newer messages were dropped from the bottom while scrolling up.
    bool hasNewer() const;
    // Appends the page after the newest loaded message (dropping the oldest beyond maxRows()).
    int fetchNewer();
    // Back to the newest page, when newer messages were dropped.
    void showNewest();
    // The store committed a change to this message: update its row, or append it if it is new here.
    void messageChanged(qint64 id);

    int rowOf(qint64 messageId) const;
    StoredMessage messageAt(int row) const;

signals:
    void loadFailed(const QString& message);

private:
    void rebuildIndex();
    // Drops rows beyond maxRows() from the end (fromEnd) or from the start.
    void trim(bool fromEnd);
    bool dayStarts(int row) const;

    std::unique_ptr<MessageReader> m_reader;
    QList<StoredMessage> m_rows;
    QHash<qint64, int> m_rowById;
    qint64 m_conversationId = 0;
    int m_pageSize = 50;
    int m_maxRows = 1000;
    bool m_hasOlder = false;
    bool m_hasNewer = false;
};

namespace ThreadText {
// What a message shows as text: the body, then a line per media, location, contact or reaction.
QString displayText(const StoredMessage& message);
} // namespace ThreadText
