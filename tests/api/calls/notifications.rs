use super::Answer;
use crate::helpers::{Browser, TestApp};
use herald::api::notifications::{
    MarkNotificationsRead, NotificationView, Notifications, UnreadNotifications, UpdateNotificationSetting,
};
use herald::domain::notice::NoticeKind;

impl TestApp {
    pub async fn notifications(&self, who: &Browser) -> Answer<Vec<NotificationView>> {
        self.send(who, &Notifications {}).await
    }

    pub async fn unread_notifications(&self, who: &Browser) -> Answer<i64> {
        self.send(who, &UnreadNotifications {}).await
    }

    /// How many were marked: `id`, or all of them without one.
    pub async fn mark_notifications_read(&self, who: &Browser, id: Option<i64>) -> Answer<u64> {
        self.send(who, &MarkNotificationsRead { id }).await
    }

    pub async fn update_notification_setting(
        &self,
        who: &Browser,
        kind: NoticeKind,
        in_app: bool,
        email: bool,
    ) -> Answer<()> {
        self.send(who, &UpdateNotificationSetting { kind, in_app, email })
            .await
    }
}
