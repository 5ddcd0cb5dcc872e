//! Vietnamese words for git sync's errors.

use super::Texts;
use super::git::{GitTexts, path_list, server_lines};
use super::vi::Vi;
use crate::sync::folder::SyncError;
use crate::sync::git::{GitError as E, GitSetup, Operation, RemoteProblem};

fn setup(alters: GitSetup) -> &'static str {
    match alters {
        GitSetup::Attributes => {
            "thuộc tính tệp khác với của onsite (có thể đổi bảng mã, lọc hoặc chuyển đổi các tệp \
             kiểm tra)"
        }
        GitSetup::Submodule => "một submodule (git sẽ tải và checkout một kho khác)",
        GitSetup::Config => "thiết lập mà git hoặc git-lfs đọc từ kho",
        GitSetup::Hooks => "một hook (chương trình git sẽ chạy trên mọi máy)",
        GitSetup::Symlink => {
            "một liên kết tượng trưng ở nơi onsite lưu tệp (dữ liệu sẽ bị ghi sang chỗ khác)"
        }
    }
}

impl GitTexts for Vi {
    #[allow(clippy::too_many_lines)] // one arm per error, each a sentence
    fn git_error(&self, error: &E) -> String {
        match error {
            E::Sync(SyncError::Store(error)) => self.store_error(error),
            E::Sync(error) => error.to_string(),
            E::GitMissing { detail } => format!(
                "không chạy được git ({detail}); hãy cài git (https://git-scm.com), kiểm tra \
                 `git --version` chạy được rồi thử lại"
            ),
            E::NotARepository { dir } => format!(
                "{0} không phải là thư mục git; hãy clone kho của nhóm vào đó trước (git clone \
                 URL {0})",
                dir.display()
            ),
            E::NotTopLevel { dir, top } => format!(
                "{} nằm bên trong kho git {1}, không phải một kho riêng: onsite sẽ commit các lần \
                 kiểm tra vào {1}. Hãy clone kho của nhóm vào một thư mục riêng (git clone URL \
                 THƯ_MỤC) rồi đồng bộ thư mục đó",
                dir.display(),
                top.display()
            ),
            E::DetachedHead { dir, branch } => format!(
                "{0} không ở trên nhánh nào (detached HEAD) nên onsite không có chỗ để commit; \
                 hãy chuyển sang một nhánh, ví dụ git -C {0} switch {branch}, rồi đồng bộ lại",
                dir.display()
            ),
            E::InProgress { dir, operation } => {
                let (what, finish, abort) = match operation {
                    Operation::Merge => ("merge", "commit", "merge --abort"),
                    Operation::Rebase => ("rebase", "rebase --continue", "rebase --abort"),
                    Operation::CherryPick => (
                        "cherry-pick",
                        "cherry-pick --continue",
                        "cherry-pick --abort",
                    ),
                    Operation::Revert => ("revert", "revert --continue", "revert --abort"),
                };
                format!(
                    "đang có một lần {what} làm dở trong {0}; hãy hoàn tất (git -C {0} {finish}) \
                     hoặc huỷ (git -C {0} {abort}) rồi đồng bộ lại",
                    dir.display()
                )
            }
            E::Unmerged { dir, paths } => format!(
                "{0} còn tệp xung đột chưa giải quyết: {1}; hãy giải quyết rồi commit (git -C {0} \
                 status hướng dẫn cách làm), sau đó đồng bộ lại",
                dir.display(),
                path_list(paths)
            ),
            E::Busy { dir, lock } => format!(
                "một lệnh git khác đang dùng {} ({1} đang tồn tại); hãy chờ lệnh đó xong. Nếu \
                 không có git nào đang chạy (một lệnh bị dừng giữa chừng), hãy xoá {1} rồi đồng \
                 bộ lại",
                dir.display(),
                lock.display()
            ),
            E::Remote {
                dir,
                remote,
                problem,
            } => {
                let dir = dir.display();
                let what = match problem {
                    RemoteProblem::Unreachable => format!(
                        "không kết nối được tới kho của nhóm ({remote}): hãy kiểm tra kết nối \
                         mạng, hoặc ổ đĩa chứa kho đã được cắm chưa"
                    ),
                    RemoteProblem::NotFound => format!(
                        "không tìm thấy kho của nhóm ({remote}) ở địa chỉ đã đặt: hãy kiểm tra \
                         địa chỉ (git -C {dir} remote -v), quyền truy cập của tài khoản, hoặc ổ \
                         đĩa chứa kho đã được cắm chưa"
                    ),
                    RemoteProblem::AuthFailed => format!(
                        "kho của nhóm ({remote}) không chấp nhận đăng nhập: hãy thiết lập thông \
                         tin đăng nhập (khoá SSH, hoặc token lưu bằng credential helper) và thử \
                         bằng git -C {dir} fetch"
                    ),
                };
                format!(
                    "{what}; các thay đổi của bạn đã được commit trong {dir} và sẽ được gửi ở lần \
                     đồng bộ sau"
                )
            }
            E::RefusedRemoteChange {
                dir,
                remote,
                changes,
            } => {
                let lines = changes
                    .iter()
                    .map(|c| {
                        let by = if c.author.is_empty() {
                            String::new()
                        } else {
                            format!(", {}", c.author)
                        };
                        format!("\n  {} ({}{by}): {}", c.path, c.commit, setup(c.alters))
                    })
                    .collect::<Vec<_>>()
                    .concat();
                format!(
                    "kho của nhóm ({remote}) có thay đổi mà onsite từ chối vì chúng thay đổi cách \
                     git lưu hoặc xử lý tệp:{lines}\nKhông gộp và không gửi gì; các thay đổi của \
                     bạn đã được commit trong {}. Hãy đề nghị người tạo thay đổi đó hoàn tác (git \
                     revert COMMIT rồi git push); onsite sẽ ghi lại tệp .gitattributes của mình \
                     ở lần đồng bộ sau của họ",
                    dir.display()
                )
            }
            E::MergeConflict {
                dir,
                upstream,
                paths,
            } => format!(
                "các tệp không thuộc onsite đã bị sửa cả ở máy này và trên kho của nhóm: {}. \
                 onsite chưa gộp gì; hãy xử lý bằng git (ví dụ lấy bản của nhóm: git -C {} \
                 checkout {upstream} -- TỆP rồi commit), sau đó đồng bộ lại",
                path_list(paths),
                dir.display()
            ),
            E::LocalChanges { dir, paths } => format!(
                "các thay đổi chưa commit của bạn ở {} trong {1} sẽ bị bản của nhóm ghi đè; hãy \
                 commit (git -C {1} commit -a) hoặc cất tạm (git -C {1} stash) rồi đồng bộ lại",
                path_list(paths),
                dir.display()
            ),
            E::PushRefused {
                dir,
                remote,
                reason,
                message,
            } => {
                let said = if message.is_empty() {
                    " ".to_owned()
                } else {
                    format!(" Máy chủ báo:{}\n", server_lines(message))
                };
                format!(
                    "kho của nhóm ({remote}) từ chối nhận ({reason}).{said}Chưa gửi gì; các thay \
                     đổi của bạn đã được commit trong {}. Việc này do máy chủ quyết định: hãy hỏi \
                     người quản lý máy chủ về thông báo đó rồi đồng bộ lại",
                    dir.display()
                )
            }
            E::KeptBehind { dir, attempts } => format!(
                "đồng nghiệp đã gửi lên kho của nhóm trong cả {attempts} lần thử; các thay đổi \
                 của bạn đã được gộp và commit trong {}: hãy đồng bộ lại sau ít phút",
                dir.display()
            ),
            E::Git { dir, args, detail } => {
                format!("`git {args}` thất bại trong {}: {detail}", dir.display())
            }
        }
    }
}
