"""ROS: the programme's risk and vulnerability register (organisatorisk, finansiell og
politisk, interessent, gjennomføring). Depends on `portfolio` only. Built in its own issue."""
